package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// mkTree makes files (a name ending in / is a folder) under dir.
func mkTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestConfigFoundUpward: the configuration of a corpus path is the
// nearest .seedscope.yaml upward from it (validate hugo/en reads
// hugo/.seedscope.yaml), the search stopping at a repository's top, so a
// file above the folder holding .git is never read.
func TestConfigFoundUpward(t *testing.T) {
	top := t.TempDir()
	mkTree(t, top, map[string]string{
		".seedscope.yaml":           "validate:\n  disable: [file-name]\n", // above the repository
		"repo/.git/":                "",
		"repo/hugo/.seedscope.yaml": "validate:\n  strict: true\n",
		"repo/hugo/en/post/a.md":    "---\ntitle: a\n---\n",
		"repo/plain/b.txt":          "b\n",
		"wt/.git":                   "gitdir: elsewhere\n", // a worktree's .git is a file
		"wt/c/d.txt":                "d\n",
		"norepo/x/.seedscope.yaml":  "",
		"norepo/x/y/z/e.txt":        "e\n",
		"keyed/.git/":               "",
		"keyed/.seedscope.yaml":     "corpus: seeds\n",
		"keyed/seeds/sub/a.txt":     "a\n",
		"keyed/other/b.txt":         "b\n",
		"badkey/.seedscope.yaml":    "corpus: /etc\n",
	})
	t.Chdir(top)
	cfg := filepath.Join("repo", "hugo", ConfigFileName)
	for _, tc := range []struct {
		path   string
		want   Root
		config []ConfigFile // FindConfigs from a working directory without a file of its own
	}{
		{"repo/hugo/en", Root{Dir: "repo/hugo", Config: cfg, Prefix: "en"}, []ConfigFile{{cfg, true}}},
		{"repo/hugo/en/post/a.md", Root{Dir: "repo/hugo", Config: cfg, Prefix: "en/post"}, []ConfigFile{{cfg, true}}},
		{"repo/hugo", Root{Dir: "repo/hugo", Config: cfg}, []ConfigFile{{cfg, true}}},
		{"repo/hugo/en/", Root{Dir: "repo/hugo", Config: cfg, Prefix: "en"}, []ConfigFile{{cfg, true}}},
		{"repo/hugo/en/../en", Root{Dir: "repo/hugo", Config: cfg, Prefix: "en"}, []ConfigFile{{cfg, true}}},
		// The top's .seedscope.yaml is above the folder holding .git:
		// not the corpus's (a folder or a file named .git).
		{"repo/plain", Root{}, nil},
		{"repo/plain/b.txt", Root{}, nil},
		{"wt/c", Root{}, nil},
		{"norepo/x/y/z", Root{Dir: "norepo/x", Config: filepath.Join("norepo", "x", ConfigFileName), Prefix: "y/z"},
			[]ConfigFile{{filepath.Join("norepo", "x", ConfigFileName), true}}},
		// The corpus key names the root of the paths inside it.
		{"keyed/seeds/sub", Root{Dir: "keyed/seeds", Config: filepath.Join("keyed", ConfigFileName), Prefix: "sub"}, []ConfigFile{{filepath.Join("keyed", ConfigFileName), true}}},
		{"keyed/seeds/sub/a.txt", Root{Dir: "keyed/seeds", Config: filepath.Join("keyed", ConfigFileName), Prefix: "sub"}, []ConfigFile{{filepath.Join("keyed", ConfigFileName), true}}},
		{"keyed/seeds", Root{Dir: "keyed/seeds", Config: filepath.Join("keyed", ConfigFileName)}, []ConfigFile{{filepath.Join("keyed", ConfigFileName), true}}},
		{"keyed/other", Root{Dir: "keyed", Config: filepath.Join("keyed", ConfigFileName), Prefix: "other"}, []ConfigFile{{filepath.Join("keyed", ConfigFileName), true}}},
		{"keyed", Root{Dir: "keyed", Config: filepath.Join("keyed", ConfigFileName)}, []ConfigFile{{filepath.Join("keyed", ConfigFileName), true}}},
		{"missing", Root{}, nil},
	} {
		tc.want.Path = tc.path
		tc.want.Dir = filepath.FromSlash(tc.want.Dir)
		got := mustFindRoot(t, tc.path)
		if got != tc.want {
			t.Errorf("FindRoot(%q) = %+v, want %+v", tc.path, got, tc.want)
		}
		// Absolute, the path finds the same root, spelled absolute.
		abs := mustFindRoot(t, filepath.Join(top, tc.path))
		if (abs.Dir == "") != (tc.want.Dir == "") || abs.Prefix != tc.want.Prefix ||
			tc.want.Dir != "" && abs.Dir != filepath.Join(top, tc.want.Dir) {
			t.Errorf("FindRoot(absolute %q) = %+v", tc.path, abs)
		}
		// Run from the top folder, which is not in a repository, its own
		// file is the working configuration.
		want := append([]ConfigFile{{Path: ConfigFileName}}, tc.config...)
		if got := mustFindConfigs(t, []string{tc.path}); !slices.Equal(got, want) {
			t.Errorf("FindConfigs(%q) = %v, want %v", tc.path, got, want)
		}
	}

	// A bad corpus key is an error wherever the file is found from.
	if _, err := FindRoot("badkey"); err == nil || !strings.Contains(err.Error(), `corpus: "/etc" is an absolute path`) {
		t.Errorf("FindRoot under a bad corpus key: %v", err)
	}

	// Inside the repository, the file above it is not the working
	// configuration either.
	t.Chdir(filepath.Join(top, "repo", "plain"))
	if got := WorkingConfig(); got != "" {
		t.Errorf("WorkingConfig from inside a repository found %q above it", got)
	}
	if got := mustFindConfigs(t, []string{"."}); len(got) != 0 {
		t.Errorf("FindConfigs(.) in a repository without a configuration = %v", got)
	}
	// From a sub-folder of a corpus, its root's file is the working
	// configuration (in force), found once.
	t.Chdir(filepath.Join(top, "repo", "hugo", "en", "post"))
	up := filepath.Join("..", "..", ConfigFileName)
	if got := WorkingConfig(); got != up {
		t.Errorf("WorkingConfig = %q, want %q", got, up)
	}
	if got, want := mustFindConfigs(t, []string{".", "a.md"}), []ConfigFile{{Path: up}}; !slices.Equal(got, want) {
		t.Errorf("FindConfigs from inside the corpus = %v, want %v", got, want)
	}
	if got, want := mustFindRoot(t, "."), (Root{Path: ".", Dir: filepath.Join("..", ".."), Config: up, Prefix: "en/post"}); got != want {
		t.Errorf("FindRoot(.) = %+v, want %+v", got, want)
	}
}

// baseID is the corpus.Result.BaseID the loader gives file under root
// (the ID duplicate-id compares).
func baseID(t *testing.T, root, file string, prefixes map[string]string) string {
	t.Helper()
	id := "(not loaded)"
	err := corpus.Stream(context.Background(), []string{root}, corpus.Options{IDPrefix: prefixes}, func(r corpus.Result) error {
		if r.Path == file {
			id = r.BaseID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestIDsRelativeToCorpusRoot (validate's side): the prefixes handed to
// the loader, and the IDs duplicate-id compares, are relative to the
// corpus root when a configuration file marks one, and to the path given
// otherwise.
func TestIDsRelativeToCorpusRoot(t *testing.T) {
	top := t.TempDir()
	mkTree(t, top, map[string]string{
		"c/.seedscope.yaml": "",
		"c/a/x.txt":         "x\n",
		"d/a/x.txt":         "x\n",
	})
	t.Chdir(top)
	roots := mustFindRoots(t, []string{"c/a", "c/a/x.txt", "c", "d/a", "d/a/x.txt"})
	want := map[string]string{"c/a": "a", "c/a/x.txt": "a", "c": ""}
	got := IDPrefixes(roots)
	if len(got) != len(want) {
		t.Errorf("IDPrefixes = %v, want %v", got, want)
	}
	for k, v := range want {
		if p, ok := got[k]; !ok || p != v {
			t.Errorf("IDPrefixes[%q] = %q, %v; want %q", k, p, ok, v)
		}
	}
	for _, tc := range []struct {
		root  string
		isDir bool
		file  string
		want  string
	}{
		{"c/a", true, "c/a/x.txt", "a/x"},
		{"c", true, "c/a/x.txt", "a/x"},
		{"c/a/x.txt", false, "c/a/x.txt", "a/x"},
		{"d/a", true, "d/a/x.txt", "x"},
		{"d/a/x.txt", false, "d/a/x.txt", "d/a/x"}, // a file named alone: its whole path
	} {
		if got := baseID(t, tc.root, tc.file, got); got != tc.want {
			t.Errorf("BaseID of %q under root %q = %q, want %q", tc.file, tc.root, got, tc.want)
		}
	}
}

// TestDefaultCorpus: with no path, a command reads the folder the working
// configuration's corpus key names, else ./seeds, else the working
// directory; a corpus key that is not a relative path inside the file's
// folder is refused.
func TestDefaultCorpus(t *testing.T) {
	top := t.TempDir()
	mkTree(t, top, map[string]string{
		"plain/a.txt":               "",
		"withseeds/seeds/a.txt":     "",
		"keyed/.git/":               "",
		"keyed/.seedscope.yaml":     "corpus: data/news\n",
		"keyed/seeds/a.txt":         "",
		"keyed/data/news/a.txt":     "",
		"keyed/data/news/sub/b.txt": "",
		"seedsfile/seeds":           "not a folder",
		"nokey/.seedscope.yaml":     "fields: {topics: tags}\n",
		"nokey/seeds/a.txt":         "",
		"outside/.seedscope.yaml":   "corpus: in/link\n",
		"outside/in/":               "",
		"elsewhere/":                "",
	})
	if err := os.Symlink(filepath.Join(top, "elsewhere"), filepath.Join(top, "outside", "in", "link")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		wd, want, config string
	}{
		{"plain", ".", ""},
		{"withseeds", "seeds", ""},
		{"seedsfile", ".", ""},
		{"keyed", filepath.Join("data", "news"), ConfigFileName},
		// From inside the corpus, the key is read relative to its file.
		{"keyed/data/news/sub", "..", filepath.Join("..", "..", "..", ConfigFileName)},
		{"keyed/seeds", filepath.Join("..", "data", "news"), filepath.Join("..", ConfigFileName)},
		{"nokey", "seeds", ""}, // a file without the key names nothing
	} {
		t.Chdir(filepath.Join(top, filepath.FromSlash(tc.wd)))
		got, config, err := DefaultCorpus()
		if err != nil || got != tc.want || config != tc.config {
			t.Errorf("from %s: DefaultCorpus() = %q, %q, %v; want %q, %q", tc.wd, got, config, err, tc.want, tc.config)
		}
	}
	t.Chdir(filepath.Join(top, "outside"))
	if _, _, err := DefaultCorpus(); err == nil || !strings.Contains(err.Error(), "outside the configuration file's folder") {
		t.Errorf("a corpus key through a symlink out of the folder: %v", err)
	}

	// The key's value is checked wherever the file is read.
	for _, tc := range []struct{ yaml, want string }{
		{"corpus: seeds\n", ""},
		{"corpus: ./data/../seeds\n", ""},
		{"corpus:\n", ""},
		{"corpus: [a, b]\n", "c.yaml:1:9: corpus: expected the path of a folder (a string), relative to this file's folder, found a list"},
		{"corpus: 12\n", "corpus: expected the path of a folder (a string)"},
		{"corpus: true\n", "corpus: expected the path of a folder (a string)"},
		{"corpus: ''\n", "c.yaml:1:9: corpus: empty path"},
		{"corpus: /etc\n", `c.yaml:1:9: corpus: "/etc" is an absolute path`},
		{"corpus: ../other\n", `c.yaml:1:9: corpus: "../other" is outside this file's folder`},
		{"corpus: a/../../b\n", `corpus: "a/../../b" is outside this file's folder`},
		{"corpus: ..\n", `corpus: ".." is outside this file's folder`},
		{"corpu: seeds\n", `c.yaml:1:1: unknown key "corpu": did you mean "corpus"?`},
		{"feilds: {}\n", `unknown key "feilds": did you mean "fields"?`},
		{"validat: {}\n", `unknown key "validat": did you mean "validate"?`},
		{"theme: dark\n", ""}, // another tool's key
	} {
		_, err := ParseConfig("c.yaml", []byte(tc.yaml))
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("ParseConfig(%q) = %v, want %q", tc.yaml, err, tc.want)
		}
		p := filepath.Join(top, "c.yaml")
		if err := os.WriteFile(p, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadCorpusKey(p); tc.want == "" && err != nil || tc.want != "" && err == nil {
			t.Errorf("ReadCorpusKey(%q) = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

func mustFindRoot(t *testing.T, p string) Root {
	t.Helper()
	r, err := FindRoot(p)
	if err != nil {
		t.Fatalf("FindRoot(%q): %v", p, err)
	}
	return r
}

func mustFindRoots(t *testing.T, ps []string) []Root {
	t.Helper()
	r, err := FindRoots(ps)
	if err != nil {
		t.Fatalf("FindRoots(%q): %v", ps, err)
	}
	return r
}

func mustFindConfigs(t *testing.T, roots []string) []ConfigFile {
	t.Helper()
	c, err := FindConfigs(roots)
	if err != nil {
		t.Fatalf("FindConfigs(%q): %v", roots, err)
	}
	return c
}
