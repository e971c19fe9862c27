package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

var csvFields = []string{
	"", "plain", "a,b", `say "hi"`, "line\nbreak", "cr\rlf\r\n", " lead", "\tlead", "\u00a0nbsp", "\u2028ls", `\.`, `\.x`,
	`{"a":["x","y"],"b":null}`, `""`, "é 漢字", "\xff bad", "trail ",
}

// csvRecord is encoding/csv's line for fields.
func csvRecord(t testing.TB, fields []string) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(fields); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.String()
}

func appendCSVRecord(fields []string) string {
	var b []byte
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, []byte(f))
	}
	return string(append(b, '\n'))
}

// TestAppendCSVField: the bytes encoding/csv writes, field by field.
func TestAppendCSVField(t *testing.T) {
	for _, f := range csvFields {
		if got, want := appendCSVRecord([]string{f, "x"}), csvRecord(t, []string{f, "x"}); got != want {
			t.Errorf("%q: got %q, want %q", f, got, want)
		}
	}
}

// TestAppendCSVFieldEveryLane puts each byte that needs quotes at each
// place of a field longer than 8 bytes, so that every lane of the 8-byte
// test sees it.
func TestAppendCSVFieldEveryLane(t *testing.T) {
	for _, c := range []byte{'\n', '\r', '"', ',', 'x', 0x80} {
		for at := range 17 {
			b := []byte("abcdefghijklmnopq")
			b[at] = c
			f := string(b)
			if got, want := appendCSVRecord([]string{f, "x"}), csvRecord(t, []string{f, "x"}); got != want {
				t.Errorf("%q: got %q, want %q", f, got, want)
			}
		}
	}
}

func FuzzAppendCSVField(f *testing.F) {
	for _, s := range csvFields {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := appendCSVRecord([]string{a, b}), csvRecord(t, []string{a, b}); got != want {
			t.Fatalf("%q, %q: got %q, want %q", a, b, got, want)
		}
	})
}

// TestWriterCSVIsEncodingCSV: the CSV writer's lines, --safe-csv or not,
// are encoding/csv's for the same cells (SafeCSVCell applied first).
func TestWriterCSVIsEncodingCSV(t *testing.T) {
	rows := [][]string{
		{"plain", "=1+2", "-3,4", `@"quoted"`, "+line\nbreak"},
		{"", " lead", "\tformula", `{"a":"b,c"}`, "\r"},
	}
	var cols []Column[[]string]
	for i := range rows[0] {
		cols = append(cols, Column[[]string]{Name: "c" + string(rune('0'+i)), Value: func(r []string) string { return r[i] }})
	}
	for _, safe := range []bool{false, true} {
		var got bytes.Buffer
		if err := WriteAll(&got, CSV, Schema[[]string]{CSV: cols}, Options{SafeCSV: safe}, rows); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		w := csv.NewWriter(&want)
		w.Write(header(cols))
		for _, r := range rows {
			cells := make([]string, len(r))
			for i, c := range r {
				if cells[i] = c; safe {
					cells[i] = SafeCSVCell(c)
				}
			}
			w.Write(cells)
		}
		w.Flush()
		if got.String() != want.String() {
			t.Errorf("safe %v:\ngot  %q\nwant %q", safe, got.String(), want.String())
		}
	}
}

// TestAppendCSVFieldQuotes: quotes alone, in pairs and runs, at every
// place of fields around the 8-byte steps (compact JSON is mostly
// quotes).
func TestAppendCSVFieldQuotes(t *testing.T) {
	for n := range 26 {
		for at := range n {
			for _, run := range []int{1, 2, 3, 9} {
				b := bytes.Repeat([]byte("a,"), n)[:n]
				for k := at; k < at+run && k < n; k++ {
					b[k] = '"'
				}
				f := string(b)
				if got, want := appendCSVRecord([]string{f, "x"}), csvRecord(t, []string{f, "x"}); got != want {
					t.Errorf("%q: got %q, want %q", f, got, want)
				}
			}
		}
	}
	all := strings.Repeat(`"`, 40)
	if got, want := appendCSVRecord([]string{all}), csvRecord(t, []string{all}); got != want {
		t.Errorf("%q: got %q, want %q", all, got, want)
	}
}
