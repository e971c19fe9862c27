package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
)

// markers returns the lines that open and close the part of a Markdown
// file that holds the report labelled label.
func markers(label string) (begin, end string) {
	return "<!-- bench:" + label + " begin: written by .ci/bench, do not edit -->",
		"<!-- bench:" + label + " end -->"
}

// Splice puts report between the markers of label in doc, replacing what
// was there. Each marker must stand on a line of its own, once, the
// begin marker first.
func Splice(doc, report []byte, label string) ([]byte, error) {
	begin, end := markers(label)
	bi, err := markerLine(doc, begin)
	if err != nil {
		return nil, err
	}
	ei, err := markerLine(doc, end)
	if err != nil {
		return nil, err
	}
	if ei < bi {
		return nil, fmt.Errorf("%q comes before %q", end, begin)
	}
	start := bi + len(begin) + 1 // past the begin line's newline
	var out bytes.Buffer
	out.Write(doc[:start])
	out.WriteString("\n")
	out.Write(bytes.TrimSpace(report))
	out.WriteString("\n\n")
	out.Write(doc[ei:])
	return out.Bytes(), nil
}

// markerLine returns the offset of the one line of doc that is marker.
func markerLine(doc []byte, marker string) (int, error) {
	at := -1
	for off := 0; off < len(doc); {
		line := doc[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if string(line) == marker {
			if at >= 0 {
				return 0, fmt.Errorf("%q is there twice", marker)
			}
			at = off
		}
		off += len(line) + 1
	}
	if at < 0 {
		return 0, fmt.Errorf("no line %q (add the begin and end markers where the report goes)", marker)
	}
	if at+len(marker) >= len(doc) || doc[at+len(marker)] != '\n' {
		return 0, fmt.Errorf("%q must end with a newline", marker)
	}
	return at, nil
}

func spliceMain(args []string) int {
	fs := flag.NewFlagSet("splice", flag.ContinueOnError)
	doc := fs.String("doc", "docs/performance.md", "the Markdown file")
	label := fs.String("label", "", "the report's label")
	if err := fs.Parse(args); err != nil || *label == "" || fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: bench splice [-doc FILE] -label LABEL REPORT.md")
		return 2
	}
	report, err := os.ReadFile(fs.Arg(0))
	if err == nil {
		var old, out []byte
		if old, err = os.ReadFile(*doc); err == nil {
			if out, err = Splice(old, report, *label); err == nil {
				err = os.WriteFile(*doc, out, 0o644)
			}
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench splice: %s: %v\n", *doc, err)
		return 1
	}
	return 0
}
