package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshalString is encoding/json's JSON of s.
func marshalString(t testing.TB, s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

var jsonStrings = []string{
	"", "plain", `"quoted" \back\`, "<b>&amp;</b>", "\x00\x01\x1f\x7f", "\b\f\n\r\t",
	"é ü 漢字 🎉", "\u2028\u2029", "bad \xff\xfe utf-8 \xc3", "\xed\xa0\x80 surrogate", "a\u0085b",
}

// TestAppend: the bytes of encoding/json, with and without HTML
// escaping.
func TestAppend(t *testing.T) {
	for _, s := range jsonStrings {
		for _, html := range []bool{false, true} {
			if got, want := string(Append(nil, s, html)), marshalString(t, s, html); got != want {
				t.Errorf("%q (html %v): got %s, want %s", s, html, got, want)
			}
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			if got, want := string(Append(nil, s, html)), marshalString(t, s, html); got != want {
				t.Fatalf("%q (html %v): got %s, want %s", s, html, got, want)
			}
		}
	})
}
