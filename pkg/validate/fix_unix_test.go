//go:build unix

package validate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestRunFixRefusals: a file --fix cannot or must not write is reported
// as fix-failed, left as it was, and the run goes on with the others;
// what it writes keeps mode, owner and group, and no temporary file is
// left anywhere.
func TestRunFixRefusals(t *testing.T) {
	const broken, repaired = "Headline & # 39; s\n", "Headline &#39; s\n"
	root := t.TempDir()
	corpusDir := filepath.Join(root, "corpus")
	outside := filepath.Join(root, "outside")
	for _, d := range []string{corpusDir, outside, filepath.Join(corpusDir, "ro"), filepath.Join(corpusDir, "links")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string, mode os.FileMode) string {
		t.Helper()
		if err := os.WriteFile(p, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	longName := write(filepath.Join(corpusDir, strings.Repeat("n", 240)+".txt"), 0o644) // the old temporary name overflowed NAME_MAX
	plain := write(filepath.Join(corpusDir, "plain.txt"), 0o640)
	readOnly := write(filepath.Join(corpusDir, "read-only.txt"), 0o444)
	inRODir := write(filepath.Join(corpusDir, "ro", "in-read-only-folder.txt"), 0o644)
	hard := write(filepath.Join(corpusDir, "links", "hard.txt"), 0o644)
	hard2 := filepath.Join(corpusDir, "links", "hard2.txt")
	secret := write(filepath.Join(outside, "secret.txt"), 0o644)
	escape := filepath.Join(corpusDir, "links", "escape.txt")
	// A link to a file inside the corpus that the walk does not list
	// itself (not a seed extension): fixed through the link.
	target := write(filepath.Join(corpusDir, "links", "target.dat"), 0o644)
	inside := filepath.Join(corpusDir, "links", "inside.txt")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Link(hard, hard2))
	must(os.Symlink(secret, escape))
	must(os.Symlink("target.dat", inside))
	owned := os.Geteuid() == 0
	if owned { // root can give the file to someone else: the fix keeps it theirs
		must(os.Chown(plain, 1234, 5678))
	}
	must(os.Chmod(filepath.Join(corpusDir, "ro"), 0o555))
	t.Cleanup(func() { os.Chmod(filepath.Join(corpusDir, "ro"), 0o755) })

	// With --follow the links are read: the one leading out is refused, the
	// one inside is fixed through. (Without it the walk reports both links
	// as not followed and --fix never sees them.) The second name of the
	// hard-linked file is the same file: the walk reads it once.
	rep, err := Run(context.Background(), []string{corpusDir}, Options{Fix: true, Load: corpus.Options{FollowLinks: true},
		Settings: mustSettings(t, nil, []string{RuleFileName})})
	if err != nil {
		t.Fatalf("the run stopped: %v", err)
	}
	failed := map[string]string{}
	for _, f := range rep.Findings {
		if f.Rule == RuleFixFailed {
			failed[f.Path] = f.Message
			if f.Severity != Error {
				t.Errorf("%s: fix-failed is a %s", f.Path, f.Severity)
			}
		}
	}
	refused := map[string]string{
		readOnly: "read-only",
		hard:     "2 hard links",
		escape:   "outside the checked paths",
	}
	if os.Geteuid() != 0 { // root writes into a read-only folder
		refused[inRODir] = "cannot create a temporary file in its folder: permission denied"
	}
	for p, why := range refused {
		if !strings.Contains(failed[p], why) {
			t.Errorf("%s: fix-failed %q, want the reason %q", filepath.Base(p), failed[p], why)
		}
		content := p
		if p == escape {
			content = secret
		}
		if b, _ := os.ReadFile(content); string(b) != broken {
			t.Errorf("%s was changed to %q", filepath.Base(content), b)
		}
	}
	for _, p := range []string{longName, plain, target} {
		if b, _ := os.ReadFile(p); string(b) != repaired {
			t.Errorf("%s not fixed: %q (fix-failed: %q)", filepath.Base(p), b, failed[p])
		}
	}
	if fi, err := os.Lstat(inside); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link inside the corpus was replaced: %v %v", fi.Mode(), err)
	}
	fi, _ := os.Stat(plain)
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
	if st := fi.Sys().(*syscall.Stat_t); owned && (st.Uid != 1234 || st.Gid != 5678) {
		t.Errorf("owner %d:%d, want 1234:5678 kept", st.Uid, st.Gid)
	}
	if b, _ := os.ReadFile(hard2); string(b) != broken {
		t.Errorf("hard2.txt was changed to %q", b)
	}
	if fi, _ := os.Stat(hard); fi.Sys().(*syscall.Stat_t).Nlink != 2 {
		t.Error("the hard link was split")
	}
	wantFixed := 3
	if os.Geteuid() == 0 {
		wantFixed++ // in-read-only-folder.txt
	}
	if rep.Fixed != wantFixed || !rep.Failed(false) {
		t.Errorf("fixed %d (want %d) in %v; failed %v (want true)", rep.Fixed, wantFixed, rep.FixedFiles, rep.Failed(false))
	}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if d != nil && strings.HasPrefix(d.Name(), fixTempPrefix) {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// TestWriteFixChanged: a file that changed since it was read is not
// overwritten with a repair of its old content.
func TestWriteFixChanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("new content & # 39;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFix(p, []byte("old & # 39;\n"), []byte("old &#39;\n"), newCorpusRoots([]string{dir}))
	if err == nil || !strings.Contains(err.Error(), "changed while it was checked") {
		t.Errorf("got %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new content & # 39;\n" {
		t.Errorf("file changed to %q", b)
	}
}
