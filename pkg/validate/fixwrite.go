package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seedscope/seedscope/pkg/atomicfile"
)

// fixTempPrefix names the temporary file a repair is written to, beside
// the file. It is short and fixed, so that however long the file's name
// (up to NAME_MAX, 255 bytes), the temporary name fits.
const fixTempPrefix = ".seedscope-fix-"

// corpusRoots are the real paths of the paths a run was given: --fix
// writes only to files whose real path lies within them, so a symlink in
// the corpus that leads elsewhere is never written through.
type corpusRoots struct {
	dirs, files []string
}

func newCorpusRoots(roots []string) corpusRoots {
	var c corpusRoots
	for _, r := range roots {
		real, err := realPath(r)
		if err != nil {
			continue
		}
		if fi, err := os.Stat(real); err == nil && fi.IsDir() {
			c.dirs = append(c.dirs, real)
		} else {
			c.files = append(c.files, real)
		}
	}
	return c
}

func realPath(p string) (string, error) {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(r)
}

func (c corpusRoots) contain(real string) bool {
	for _, f := range c.files {
		if real == f {
			return true
		}
	}
	for _, d := range c.dirs {
		if rel, err := filepath.Rel(d, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}

// writeFix replaces the file at p, whose content was old, with fixed. It
// refuses, leaving the file as it is, when the file
//   - leads (through symlinks) outside the paths the run was given,
//   - is not a regular file, has no write permission bit (a read-only file
//     is left alone, even for root) or cannot be opened for writing,
//   - has more than one hard link (the repair would replace one name's
//     content only, or write through a name outside the corpus),
//   - changed since it was read,
//   - or cannot keep its owner and group.
//
// Otherwise the repair is written to a temporary file beside it, read
// back and compared, given the file's mode, owner and group, synced and
// renamed over the file, so no reader ever sees half a file.
func writeFix(p string, old, fixed []byte, roots corpusRoots) (err error) {
	target, err := realPath(p)
	if err != nil {
		return fmt.Errorf("cannot resolve the path: %w", unwrapPathError(err))
	}
	if !roots.contain(target) {
		return errors.New("the file is a symlink leading outside the checked paths; not written through")
	}
	fi, err := os.Lstat(target)
	if err != nil {
		return unwrapPathError(err)
	}
	switch {
	case !fi.Mode().IsRegular():
		return errors.New("not a regular file")
	case fi.Mode().Perm()&0o222 == 0:
		return errors.New("the file is read-only")
	}
	if n := hardLinks(fi); n > 1 {
		return fmt.Errorf("the file has %d hard links; a repair would split them (fix it by hand)", n)
	}
	f, err := os.OpenFile(target, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("cannot open for writing: %w", unwrapPathError(err))
	}
	now, err := io.ReadAll(io.LimitReader(f, int64(len(old))+1))
	f.Close()
	if err != nil {
		return fmt.Errorf("cannot read again: %w", unwrapPathError(err))
	}
	if !bytes.Equal(now, old) {
		return errors.New("the file changed while it was checked")
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, fixTempPrefix+"*")
	if err != nil {
		return fmt.Errorf("cannot create a temporary file in its folder: %w", unwrapPathError(err))
	}
	// A signal that ends the process mid-repair removes it (RemoveTemps).
	defer atomicfile.Track(tmp.Name())()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(fixed); err != nil {
		return fmt.Errorf("cannot write: %w", unwrapPathError(err))
	}
	if err = keepOwner(tmp, fi); err != nil {
		return fmt.Errorf("cannot keep the file's owner and group: %w", unwrapPathError(err))
	}
	if err = tmp.Chmod(fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return fmt.Errorf("cannot keep the file's mode: %w", unwrapPathError(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write: %w", unwrapPathError(err))
	}
	if _, err = tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	back, err := io.ReadAll(io.LimitReader(tmp, int64(len(fixed))+1))
	if err != nil || !bytes.Equal(back, fixed) {
		if err == nil {
			err = errors.New("the repaired copy does not read back as written")
		}
		return err
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write: %w", unwrapPathError(err))
	}
	if err = atomicfile.Commit(context.Background(), tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot replace the file: %w", unwrapLinkError(err))
	}
	_ = atomicfile.SyncDir(dir) // the rename stands even where the folder cannot be synced
	return nil
}

func unwrapLinkError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
