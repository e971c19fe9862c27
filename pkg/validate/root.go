package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Root is where a corpus path named on the command line belongs.
//
// A corpus has a root: the nearest folder upward from the path (from a
// file's folder) that holds ConfigFileName, or the folder that file's
// "corpus" key names when the path is inside it (a .seedscope.yaml at a
// repository's top saying "corpus: seeds" makes seeds the root). Document
// IDs are relative to it, so that a run on a sub-folder gives the same IDs
// as a run on the whole corpus, and the file is the corpus's
// configuration. Without one the path is its own root (a file's: its
// folder, so that its ID is its name).
type Root struct {
	// Path is the path as given.
	Path string
	// Dir is the corpus root, spelled from Path (relative when Path is:
	// "hugo" for "hugo/en"); "" when no configuration file was found.
	Dir string
	// Config is the configuration file found; "" when none.
	Config string
	// Prefix is Path's folder (a file's folder) below Dir, '/'-separated:
	// the start of the IDs under Path ("" at the root itself).
	Prefix string
}

// FindRoot finds the corpus root of a path. A path that cannot be looked
// at gives a Root of its own: the load reports the path. The error is a
// bad "corpus" key in the configuration file found.
//
// The search goes up one folder at a time, a few stats a level, and stops
// at the first folder holding .git (a file or folder: a repository's or a
// worktree's top) or at the file system's root. A configuration file
// above the repository must not take over: seedscope runs in CI on pull
// requests to corpora, and a .seedscope.yaml in a folder the repository
// sits in (a runner's home, a shared /tmp) is not the project's. The walk
// is lexical, as the path is spelled ("a/link/.." is "a"), so the folders
// it names are those the user sees.
func FindRoot(p string) (Root, error) { return findRoot(p, ReadCorpusKey) }

func findRoot(p string, corpusKey func(string) (string, error)) (Root, error) {
	r := Root{Path: p}
	fi, err := os.Stat(p)
	if err != nil {
		return r, nil
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return r, nil
	}
	start, shown := abs, p
	if !fi.IsDir() {
		start, shown = filepath.Dir(abs), filepath.Dir(p)
	}
	dir, up, ok := findUpward(start)
	if !ok {
		return r, nil
	}
	r.Dir = filepath.Join(shown, strings.Repeat(".."+string(filepath.Separator), up))
	r.Config = filepath.Join(r.Dir, ConfigFileName)
	name, err := corpusKey(r.Config)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return r, err
	}
	if name != "" {
		// The named corpus is the root of the paths inside it.
		named := filepath.Join(dir, filepath.FromSlash(name))
		if rel, err := filepath.Rel(named, start); err == nil && !escapes(rel) {
			dir = named
			r.Dir = filepath.Join(r.Dir, filepath.FromSlash(name))
		}
	}
	prefix, err := filepath.Rel(dir, start)
	if err != nil {
		return Root{Path: p}, nil
	}
	if prefix == "." {
		prefix = ""
	}
	r.Prefix = filepath.ToSlash(prefix)
	return r, nil
}

// FindRoots is FindRoot of each path. Each configuration file is read
// once, however many paths (pre-commit passes files one by one) lead to it.
func FindRoots(paths []string) ([]Root, error) {
	type key struct {
		name string
		err  error
	}
	keys := map[string]key{}
	corpusKey := func(config string) (string, error) {
		abs, err := filepath.Abs(config)
		if err != nil {
			return ReadCorpusKey(config)
		}
		k, ok := keys[abs]
		if !ok {
			k.name, k.err = ReadCorpusKey(config)
			keys[abs] = k
		}
		return k.name, k.err
	}
	out := make([]Root, len(paths))
	for i, p := range paths {
		var err error
		if out[i], err = findRoot(p, corpusKey); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// IDPrefixes is the corpus.Options.IDPrefix of these roots: the prefix of
// each path that has a corpus root of its own (a configuration file).
func IDPrefixes(roots []Root) map[string]string {
	var m map[string]string
	for _, r := range roots {
		if r.Dir == "" {
			continue
		}
		if m == nil {
			m = map[string]string{}
		}
		m[r.Path] = r.Prefix
	}
	return m
}

// WorkingConfig is the configuration file found upward from the working
// directory, as FindRoot finds one (".seedscope.yaml",
// "../.seedscope.yaml"…); "" when there is none. Its settings are in
// force, and its "corpus" key names the corpus read when a command is
// given no path.
func WorkingConfig() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	_, up, ok := findUpward(wd)
	if !ok {
		return ""
	}
	return filepath.Join(strings.Repeat(".."+string(filepath.Separator), up), ConfigFileName)
}

// findUpward returns the nearest folder from dir (absolute) upward that
// holds ConfigFileName, and how many levels up it is. A name that exists
// but is not a regular file counts, so that reading it reports it.
func findUpward(dir string) (found string, up int, ok bool) {
	for d := dir; ; up++ {
		if exists(filepath.Join(d, ConfigFileName)) {
			return d, up, true
		}
		if exists(filepath.Join(d, ".git")) {
			return "", 0, false // the repository's top: nothing above it counts
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", 0, false
		}
		d = parent
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil || !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR)
}

// DefaultSeeds is the folder read, when it exists, by a command given no
// path and no "corpus" key.
const DefaultSeeds = "seeds"

// DefaultCorpus is the corpus a command given no path reads: the folder
// the working configuration's "corpus" key names (relative to the
// configuration file's folder), else ./seeds if it is a folder, else the
// working directory. config is the file that named it ("" when none).
func DefaultCorpus() (path, config string, err error) {
	if config = WorkingConfig(); config != "" {
		name, err := ReadCorpusKey(config)
		if err != nil {
			return "", "", err
		}
		if name != "" {
			p := filepath.Join(filepath.Dir(config), filepath.FromSlash(name))
			if err := insideFolder(p, filepath.Dir(config)); err != nil {
				return "", "", fmt.Errorf("%s: corpus: %w", config, err)
			}
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				return "", "", fmt.Errorf("%s: corpus: %s: %w", config, p, corpus.ErrNoPath)
			}
			// Spelled from the working directory: "." rather than
			// "../../data/news" from inside the corpus.
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, filepath.Join(wd, p)); err == nil {
					p = rel
				}
			}
			return p, config, nil
		}
	}
	if fi, err := os.Stat(DefaultSeeds); err == nil && fi.IsDir() {
		return DefaultSeeds, "", nil
	}
	return ".", "", nil
}

// insideFolder refuses a corpus path that leads, through symlinks, out
// of the configuration file's folder. A path that does not exist passes:
// the load reports it.
func insideFolder(p, dir string) error {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil
	}
	top, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil
	}
	realAbs, err1 := filepath.Abs(real)
	topAbs, err2 := filepath.Abs(top)
	if err1 != nil || err2 != nil {
		return nil
	}
	if rel, err := filepath.Rel(topAbs, realAbs); err != nil || escapes(rel) {
		return fmt.Errorf("%s leads (through a symlink) to %s, outside the configuration file's folder; name a folder below it, or pass the path as an argument", p, realAbs)
	}
	return nil
}

// escapes reports whether a cleaned relative path leaves its folder.
func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// absDir is the absolute form of a path, or the path as given when it has
// none.
func absDir(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
