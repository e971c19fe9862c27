package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/validate"
)

// selectionCommands are the commands that take field selection, with
// their arguments on the bundled seeds, the fields of their records, and
// the flags they take besides --json, --jq and --template.
var selectionCommands = []struct {
	name            string
	args            []string
	fields          []record.Info
	columns, header bool
	null            bool
	// pick is two fields the goldens select, in an order other than the
	// table's.
	pick [2]string
}{
	{"list", []string{"list", seedsDir}, corpus.DocumentFields.Infos(), true, true, true, [2]string{"title", "provider.domain"}},
	{"export", []string{"export", seedsDir}, corpus.DocumentFields.Infos(), true, false, true, [2]string{"title", "provider.domain"}},
	{"related", []string{"related", "000", seedsDir}, query.LinkFields.Infos(), true, true, true, [2]string{"target", "title"}},
	{"related-all", []string{"related", seedsDir}, query.LinkFields.Infos(), true, true, true, [2]string{"target", "from"}},
	{"related-backlinks", []string{"related", "003", "--backlinks", seedsDir}, query.LinkFields.Infos(), true, true, true, [2]string{"from", "url"}},
	{"topics", []string{"topics", seedsDir}, query.TopicFacetFields.Infos(), true, true, true, [2]string{"count", "value"}},
	{"providers", []string{"providers", seedsDir}, query.ProviderFacetFields.Infos(), true, true, true, [2]string{"domain", "count"}},
	{"stats", []string{"stats", seedsDir}, query.StatsFields.Infos(), false, false, false, [2]string{"words", "documents"}},
	{"show", []string{"show", "000", seedsDir}, render.DocumentViewFields.Infos(), false, false, false, [2]string{"linkedFrom", "related.target"}},
	{"validate", []string{"validate", seedsDir}, validate.FindingFields.Infos(), false, false, true, [2]string{"rule", "line"}},
}

// TestGoldenSelection pins --json, --jq, --template, --columns, --header
// and -0 on each command that takes them.
func TestGoldenSelection(t *testing.T) {
	for _, c := range selectionCommands {
		first, second := c.pick[1], c.pick[0]
		cases := map[string][]string{
			"json":          {"--json", second + "," + first},
			"json-ndjson":   {"--json", first, "--format", "ndjson"},
			"jq":            {"--jq", "[.. | strings] | length"},
			"jq-fields":     {"--json", first, "--jq", ".. | strings"},
			"template":      {"--template", `{{json .}}`},
			"template-json": {"--json", first, "--template", `{{range $i, $r := .}}{{$i}}{{"\t"}}{{json $r}}{{"\n"}}{{end}}`},
		}
		if c.name == "validate" {
			delete(cases, "json-ndjson") // findings are json only
		}
		if c.name == "stats" || c.name == "show" {
			cases["template-json"] = []string{"--json", first, "--template", `{{json .}}`}
		}
		if c.columns {
			cases["columns-csv"] = []string{"--columns", second + "," + first, "--format", "csv"}
			if c.name != "export" {
				cases["columns-tsv"] = []string{"--columns", second + "," + first, "--format", "tsv"}
				cases["columns-table"] = []string{"--columns", second + "," + first, "--format", "table"}
			}
		}
		if c.header {
			cases["header"] = []string{"--header"}
			cases["header-columns"] = []string{"--header", "--columns", first}
		}
		if c.null {
			cases["null"] = []string{"-0"}
		}
		for name, flags := range cases {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				r := execute(t, false, append(append([]string{}, c.args...), flags...)...)
				if r.status != 0 || r.stderr != "" {
					t.Fatalf("status %d, stderr %q", r.status, r.stderr)
				}
				golden(t, "select/"+c.name+"."+name, []byte(r.stdout))
			})
		}
	}
}

// TestEverySelectableField walks the table of each command's records:
// every field and dot path is accepted by --json (and its JSON holds it)
// and by --columns.
func TestEverySelectableField(t *testing.T) {
	for _, c := range selectionCommands {
		if c.name == "related-all" || c.name == "related-backlinks" {
			continue
		}
		for _, path := range render.FieldPaths(c.fields) {
			r := execute(t, false, append(append([]string{}, c.args...), "--json", path)...)
			if r.status > 1 || r.stderr != "" {
				t.Errorf("%s --json %s: status %d, %s", c.name, path, r.status, r.stderr)
				continue
			}
			var v any
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Errorf("%s --json %s: %v", c.name, path, err)
				continue
			}
			top, _, _ := strings.Cut(path, ".")
			if !strings.Contains(r.stdout, `"`+top+`":`) && r.stdout != "[]\n" {
				t.Errorf("%s --json %s: field missing: %s", c.name, path, r.stdout)
			}
			if !c.columns {
				continue
			}
			r = execute(t, false, append(append([]string{}, c.args...), "--columns", path, "--format", "csv")...)
			if head, _, _ := strings.Cut(r.stdout, "\n"); r.status != 0 || head != path {
				t.Errorf("%s --columns %s: status %d, header %q, %s", c.name, path, r.status, head, r.stderr)
			}
		}
	}
}

func TestSelectionRefusals(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"list", "--json"}, "Specify one or more comma-separated fields for `--json`:\nseedscope:   id\n"},
		{[]string{"list", "--json", "nope", seedsDir}, "Unknown field \"nope\" for `--json`; available fields:\nseedscope:   id\n"},
		{[]string{"list", "--json", "", seedsDir}, "Specify one or more"},
		{[]string{"list", "--columns", "nope", seedsDir}, "Unknown field \"nope\" for `--columns`"},
		{[]string{"list", "--columns=", seedsDir}, "Specify one or more comma-separated fields for `--columns`"},
		{[]string{"topics", "--json", "id", seedsDir}, "seedscope:   value\nseedscope:   count\n"},
		{[]string{"list", "--json", "id", "--format", "csv", seedsDir}, "use them with --format json or ndjson, not csv"},
		{[]string{"list", "--jq", ".", "--format", "table", seedsDir}, "not table"},
		{[]string{"list", "--jq", ".", "--template", "x", seedsDir}, "cannot be combined"},
		{[]string{"list", "--json", "id", "--columns", "id", seedsDir}, "--columns chooses the columns"},
		{[]string{"list", "--columns", "id", "--format", "json", seedsDir}, "choose fields with --json"},
		{[]string{"list", "-0", "--json", "id", seedsDir}, "-0 prints values, not JSON"},
		{[]string{"list", "-0", "--format", "tsv", seedsDir}, "it takes no --format"},
		{[]string{"list", "-0", "--columns", "id,title", seedsDir}, "give --columns one field"},
		{[]string{"list", "--header", "--format", "json", seedsDir}, "--header goes with tsv"},
		{[]string{"list", "--jq", ".[", seedsDir}, "--jq: unexpected EOF at column 3:\nseedscope:   .[\nseedscope:     ^\n"},
		{[]string{"list", "--jq", "nosuch", seedsDir}, "function not defined: nosuch/0"},
		{[]string{"list", "--template", "{{.x", seedsDir}, "seedscope: --template: unclosed action\n"},
		{[]string{"export", "--stream", "--jq", ".[]", seedsDir}, "use --format ndjson"},
		{[]string{"export", "--columns", "id", "--format", "ndjson", seedsDir}, "choose fields with --json"},
		{[]string{"validate", "--rules", "--json", "path"}, "--rules takes no --json"},
		{[]string{"list", "--color", "always", "--no-color", seedsDir}, "--no-color contradicts --color always"},
		{[]string{"list", "--color", "sometimes", seedsDir}, "sometimes"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := execute(t, false, tt.args...)
			if r.status != ExitUsage || !strings.Contains(r.stderr, tt.stderr) || r.stdout != "" {
				t.Errorf("status %d, stdout %q, stderr:\n%s\nwant status 2 and %q", r.status, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

func TestSelectionRuntimeErrors(t *testing.T) {
	for _, args := range [][]string{
		{"list", "--jq", ".[] | .title | tonumber", seedsDir},
		{"list", "--template", `{{range .}}{{date "2006" .title}}{{end}}`, seedsDir},
		{"stats", "--jq", "error(\"boom\")", seedsDir},
	} {
		r := execute(t, false, args...)
		if r.status != ExitFailure || !strings.Contains(r.stderr, "seedscope: --") {
			t.Errorf("%q: status %d, stderr %q; want 1", args, r.status, r.stderr)
		}
	}
}

func TestSelectionCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "topics", "--json", ""}, "value\ncount\n:6\n"},
		{[]string{"__complete", "providers", "--columns", "value,"}, "value,domain\nvalue,names\nvalue,domains\nvalue,count\n:6\n"},
		{[]string{"__complete", "list", "--json", "id,provider.d"}, "id,provider.domain\n:6\n"},
		{[]string{"__complete", "validate", "--json", "r"}, "rule\n:6\n"},
		{[]string{"__complete", "list", "--color", ""}, "auto\nalways\nnever\n:4\n"},
	}
	for _, tt := range tests {
		r := execute(t, false, tt.args...)
		if r.stdout != tt.want {
			t.Errorf("%q: got %q, want %q", tt.args, r.stdout, tt.want)
		}
	}
}

// TestSelectionPretty: --json is indented on a terminal, compact on a
// pipe; plain --format json is as it always was.
func TestSelectionPretty(t *testing.T) {
	tty := execute(t, true, "topics", "--json", "value", seedsDir)
	pipe := execute(t, false, "topics", "--json", "value", seedsDir)
	if !strings.HasPrefix(tty.stdout, "[\n  {\n    \"value\": ") {
		t.Errorf("terminal: %q", tty.stdout)
	}
	if strings.Count(pipe.stdout, "\n") != 1 || !strings.HasPrefix(pipe.stdout, `[{"value":`) {
		t.Errorf("pipe: %q", pipe.stdout)
	}
	plain := execute(t, false, "topics", "--format", "json", seedsDir)
	if !strings.HasPrefix(plain.stdout, "[\n  {") {
		t.Errorf("--format json changed: %q", plain.stdout)
	}
}
