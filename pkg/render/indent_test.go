package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
)

// TestAppendIndentIsJSONIndent holds appendIndent to json.Indent on
// hand-picked and random compact JSON, with and without a prefix.
func TestAppendIndentIsJSONIndent(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `""`, `0`, `null`, `{"a":{}}`, `[[],{},[[]]]`, `{"a":[1,2,{"b":[]}],"c":"x"}`,
		`["a\"b","\\","\\\"",":,{}[]","\u2028<>&","é"]`, `{"k\"":"v\\","":""}`, `[{"a":1},{"b":2}]`,
		`{"a" : 1}`, "[1,\n2]", `[1, 2]`, `["abc`, // not compact, unterminated: the slow path
	}
	r := rand.New(rand.NewSource(1))
	for range 500 {
		b, err := json.Marshal(randomValue(r, 4))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		for _, prefix := range []string{"", "  ", "\t>"} {
			var want bytes.Buffer
			wantErr := json.Indent(&want, []byte(in), prefix, "  ")
			got, err := appendIndent([]byte("kept"), []byte(in), prefix)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("%q: error %v, json.Indent's %v", in, err, wantErr)
			}
			if err == nil && string(got) != "kept"+want.String() {
				t.Errorf("%q prefix %q:\n%s\njson.Indent:\n%s", in, prefix, got, want.String())
			}
		}
	}
}

func randomValue(r *rand.Rand, depth int) any {
	k := r.Intn(7)
	if depth == 0 {
		k = r.Intn(4)
	}
	switch k {
	case 0:
		return r.Intn(1000) - 500
	case 1:
		runes := []rune{'a', '"', '\\', ':', ',', '{', ']', ' ', '\n', 'é', '<', '\u2028', 0x01}
		s := make([]rune, r.Intn(6))
		for i := range s {
			s[i] = runes[r.Intn(len(runes))]
		}
		return string(s)
	case 2:
		return r.Intn(2) == 0
	case 3:
		return nil
	case 4, 5:
		m := map[string]any{}
		for range r.Intn(4) {
			m[fmt.Sprint(randomValue(r, 0))+"k"] = randomValue(r, depth-1)
		}
		return m
	default:
		s := make([]any, r.Intn(4))
		for i := range s {
			s[i] = randomValue(r, depth-1)
		}
		return s
	}
}
