package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
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

// TestAppendEveryByte puts each byte value at each place of a text longer
// than 8 bytes, so that every byte is tested in each lane of unsafe8.
func TestAppendEveryByte(t *testing.T) {
	for c := range 256 {
		for at := range 17 {
			b := []byte("abcdefghijklmnopq")
			b[at] = byte(c)
			s := string(b)
			for _, html := range []bool{false, true} {
				if got, want := string(Append(nil, s, html)), marshalString(t, s, html); got != want {
					t.Fatalf("%q (html %v): got %s, want %s", s, html, got, want)
				}
			}
		}
	}
}

// TestAppendBytePairs puts two bytes that may need a look at every two
// places of a text longer than 8 bytes: after the first, the scan must
// still find the second.
func TestAppendBytePairs(t *testing.T) {
	special := []byte{0, '\n', '"', '\\', '<', '&', 0x7F, 0x80, 0xE2, 0xFF, 'a'}
	for _, c1 := range special {
		for _, c2 := range special {
			for at1 := range 17 {
				for at2 := at1 + 1; at2 < 17; at2++ {
					b := []byte("abcdefghijklmnopq")
					b[at1], b[at2] = c1, c2
					s := string(b)
					for _, html := range []bool{false, true} {
						if got, want := string(Append(nil, s, html)), marshalString(t, s, html); got != want {
							t.Fatalf("%q (html %v): got %s, want %s", s, html, got, want)
						}
					}
				}
			}
		}
	}
}

func BenchmarkAppend(b *testing.B) {
	text := strings.Repeat("Amazon doubles down on Ring partnerships with law enforcement, 2020. ", 40) + "“quoted” \"text\"\n"
	buf := make([]byte, 0, 2*len(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		buf = Append(buf[:0], text, false)
	}
}
