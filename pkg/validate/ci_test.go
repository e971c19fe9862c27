package validate

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestFixEntities: each broken entity is repaired where that leaves the
// file reading the same but for the repair, and otherwise refused at its
// own line:col with the reason; the others in the file are repaired.
func TestFixEntities(t *testing.T) {
	tests := []struct {
		name, in, want string
		n              int
		refused        []string // "line:col reason-fragment"
		err            string
	}{
		{"all-fixable", "---\ntitle: \"a & # 39; b\"\n---\nBody & # 39;\n", "---\ntitle: \"a &#39; b\"\n---\nBody &#39;\n", 2, nil, ""},
		{"plain-scalar-comment-others-fixed",
			"---\ntitle: Amazon & # 39; s plan\nsummary: \"Q & amp; A & # 39; x\"\nexcerpt: |\n  a & # 39; b\n---\nBody & # 39; s\n",
			"---\ntitle: Amazon & # 39; s plan\nsummary: \"Q &amp; A &#39; x\"\nexcerpt: |\n  a &#39; b\n---\nBody &#39; s\n",
			4, []string{`2:15 " #" as the start of a comment`}, ""},
		{"plain-scalar-without-comment", "---\ntitle: Q & amp; A &# 39; s\n---\n", "---\ntitle: Q &amp; A &#39; s\n---\n", 2, nil, ""},
		{"folded-block", "---\nexcerpt: >-\n  a & # 39; b\n  c & amp; d\n---\n", "---\nexcerpt: >-\n  a &#39; b\n  c &amp; d\n---\n", 2, nil, ""},
		{"single-quoted", "---\ntitle: 'it & # 39; s'\n---\n", "---\ntitle: 'it &#39; s'\n---\n", 1, nil, ""},
		{"flow-sequence", "---\ntopics: [a &# 39; s, \"c & # 39; d\", b & amp; c]\nlist:\n  - x & # 39; y\n  - \"z & # 39;\"\n---\n",
			"---\ntopics: [a &#39; s, \"c &#39; d\", b &amp; c]\nlist:\n  - x & # 39; y\n  - \"z &#39;\"\n---\n",
			4, []string{`4:7 " #" as the start of a comment`}, ""},
		{"comment", "---\ntitle: x # note & # 39; s\n---\n", "---\ntitle: x # note &#39; s\n---\n", 1, nil, ""},
		{"anchor", "---\ntitle: &# 39; x\nb: \"& # 39;\"\n---\n", "", 0, nil, "does not parse"},
		// The second entity is in the comment the first one starts:
		// repairing it changes comment text only.
		{"two-in-one-value", "---\ntitle: a & # 39; b & # 39; c\nx: \"& amp;\"\n---\n",
			"---\ntitle: a & # 39; b &#39; c\nx: \"&amp;\"\n---\n", 2, []string{"2:10 comment"}, ""},
		{"duplicate-key", "---\ntitle: \"t & # 39;\"\n\"a& # 39;b\": 1\n\"a&#39;b\": 2\n---\n",
			"---\ntitle: \"t &#39;\"\n\"a& # 39;b\": 1\n\"a&#39;b\": 2\n---\n", 1, []string{`3:3 would make key "a&#39;b" on line 4 a duplicate`}, ""},
		{"text-file", "a & # 39; b #x & amp;\n", "a &#39; b #x &amp;\n", 2, nil, ""},
		{"binary", "a & # 39;\x00", "", 0, nil, "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n, refused, err := FixEntities([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || n != tt.n {
				t.Errorf("got %q (%d repairs), want %q (%d)", got, n, tt.want, tt.n)
			}
			if len(refused) != len(tt.refused) {
				t.Fatalf("refused %+v, want %v", refused, tt.refused)
			}
			for i, r := range refused {
				pos, frag, _ := strings.Cut(tt.refused[i], " ")
				if gotPos := strconv.Itoa(r.Line) + ":" + strconv.Itoa(r.Col); gotPos != pos || !strings.Contains(r.Reason, frag) {
					t.Errorf("refused[%d] = %s %q, want %s …%s…", i, gotPos, r.Reason, pos, frag)
				}
			}
			// Every entity is repaired or refused.
			if left := len(FindBrokenEntities(got)); left != len(refused) {
				t.Errorf("%d entities left, %d refused", left, len(refused))
			}
		})
	}
}

// TestFixEntitiesBounded: a front matter with many entities YAML reads
// as syntax is sorted out in a bounded number of parses, every entity
// repaired or refused.
func TestFixEntitiesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\n")
	for i := range 500 {
		b.WriteString("k" + strconv.Itoa(i) + ": a & # 39; b\n")
		b.WriteString("q" + strconv.Itoa(i) + ": \"a & # 39; b\"\n")
	}
	b.WriteString("---\n")
	got, n, refused, err := FixEntities([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if n+len(refused) != 1000 || len(FindBrokenEntities(got)) != len(refused) {
		t.Fatalf("%d repaired, %d refused, %d left", n, len(refused), len(FindBrokenEntities(got)))
	}
	notTried := 0
	for _, r := range refused {
		if strings.HasPrefix(r.Reason, "not tried") {
			notTried++
		}
	}
	if notTried == 0 {
		t.Errorf("no entity refused as not tried: the trials were not bounded")
	}
}

// TestRunFixEach: --fix repairs the entities it can in a file with one it
// cannot, and the finding left is at the entity's own place with why.
func TestRunFixEach(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "001_0123456789abcdef.md")
	in := "---\ntitle: Amazon & # 39; s\nsummary: \"a & # 39; b\"\n---\nBody & # 39;\n"
	if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), []string{dir}, Options{Fix: true, Settings: mustSettings(t, nil, []string{RuleRequiredField})})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if want := "---\ntitle: Amazon & # 39; s\nsummary: \"a &#39; b\"\n---\nBody &#39;\n"; string(got) != want {
		t.Errorf("fixed file = %q, want %q", got, want)
	}
	if rep.Fixed != 2 || len(rep.Findings) != 1 {
		t.Fatalf("fixed %d, findings %v", rep.Fixed, rep.Findings)
	}
	f := rep.Findings[0]
	if f.Line != 2 || f.Col != 15 || f.Rule != RuleBrokenEntity || !strings.Contains(f.Message, "not fixed: in an unquoted value") {
		t.Errorf("finding = %s", f)
	}
}

func TestCheckReader(t *testing.T) {
	big := strings.Repeat("x", 200)
	tests := []struct {
		name, in string
		max      int64
		want     []string // "line:col rule"
	}{
		{StdinName, "Headline & # 39; s\n", 0, []string{"1:10 broken-entity"}},
		{"seeds/x.md", "Headline\n", 0, []string{"1:1 file-name"}},
		{"001_0123456789abcdef.md", "---\ntitle: [\n---\n", 0, []string{"2:1 yaml-syntax"}},
		{"001_0123456789abcdef.md", big, 100, []string{"1:1 file-skipped"}},
		{"001_0123456789abcdef.md", "", 0, []string{"1:1 empty-file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := CheckReader(context.Background(), tt.name, strings.NewReader(tt.in),
				Options{Settings: mustSettings(t, nil, []string{RuleRequiredField}), Load: corpus.Options{MaxFileSize: tt.max}, KeepPaths: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Path != tt.name {
					t.Errorf("finding on %q, want %q", f.Path, tt.name)
				}
				got = append(got, strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+" "+f.Rule)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("findings %v, want %v (%v)", got, tt.want, rep.Findings)
			}
			if rep.Files != 1 || len(rep.Paths) != 1 || rep.Paths[0] != tt.name {
				t.Errorf("files %d, paths %v", rep.Files, rep.Paths)
			}
		})
	}
}

// TestCheckReaderAsRun: a file read from standard input has the findings
// it has when Run checks it on disk, load errors included.
func TestCheckReaderAsRun(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "validate", "cases", "*", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	s := mustSettings(t, nil, nil)
	compared := 0
	for _, p := range cases {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || strings.HasPrefix(filepath.Base(p), ".") {
			continue
		}
		data, _ := os.ReadFile(p)
		want, err := Run(context.Background(), []string{p}, Options{Settings: s})
		if err != nil {
			continue // not a seed file (extension)
		}
		got, err := CheckReader(context.Background(), p, strings.NewReader(string(data)), Options{Settings: s})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := findingLines(got.Findings), findingLines(want.Findings); a != b {
			t.Errorf("%s: from stdin\n%s\nfrom disk\n%s", p, a, b)
		}
		compared++
	}
	if compared < 10 {
		t.Errorf("only %d cases compared", compared)
	}
}

func findingLines(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestRuleCounts(t *testing.T) {
	fs := []Finding{
		{Path: "a", Rule: "x", Severity: Warning},
		{Path: "a", Rule: "y", Severity: Error},
		{Path: "a", Rule: "x", Severity: Warning},
		{Path: "b", Rule: "x", Severity: Warning},
		{Path: "c", Rule: "y", Severity: Error},
	}
	want := []RuleCount{{Rule: "x", Severity: Warning, Findings: 3, Files: 2}, {Rule: "y", Severity: Error, Findings: 2, Files: 2}}
	for _, sorted := range []bool{false, true} {
		in := append([]Finding(nil), fs...)
		if sorted {
			SortFindings(in)
		} else {
			in[0], in[4] = in[4], in[0]
		}
		got := RuleCounts(in)
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("sorted=%v: %+v, want %+v", sorted, got, want)
		}
	}
}
