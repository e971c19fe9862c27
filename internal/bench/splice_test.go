package main

import (
	"strings"
	"testing"
)

func TestSplice(t *testing.T) {
	begin, end := markers("100k")
	doc := func(inner string) string {
		return "# Performance\n\nbefore\n" + begin + "\n" + inner + end + "\nafter\n"
	}
	for _, tc := range []struct {
		name, doc, report, want, err string
	}{
		{name: "empty", doc: doc(""), report: "| a |\n", want: doc("\n| a |\n\n")},
		{name: "replaces", doc: doc("\nold table\nold line\n\n"), report: "\n\nnew\n\n", want: doc("\nnew\n\n")},
		{name: "again gives the same", doc: doc("\nnew\n\n"), report: "new", want: doc("\nnew\n\n")},
		{name: "no markers", doc: "# Performance\n", report: "x", err: "no line"},
		{name: "no end", doc: "a\n" + begin + "\nb\n", report: "x", err: "no line"},
		{name: "twice", doc: doc("") + begin + "\n", report: "x", err: "twice"},
		{name: "reversed", doc: end + "\n" + begin + "\n", report: "x", err: "before"},
		{name: "not a line of its own", doc: "see " + begin + "\n" + end + "\n", report: "x", err: "no line"},
		{name: "other label", doc: strings.ReplaceAll(doc(""), "100k", "1M"), report: "x", err: "no line"},
		{name: "end at the end of the file", doc: begin + "\n" + end, report: "x", err: "newline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Splice([]byte(tc.doc), []byte(tc.report), "100k")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Splice error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("Splice =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
