package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// Bounds on what one configuration file may ask for: a configuration
// arrives with the repository, possibly in a pull request, and its globs
// are matched against every file checked.
//
// Matching a glob against a path takes time proportional to the
// lengths of both (doublestar backtracks to one point per * and per **),
// so what is bounded is the globs' weight: their bytes, each glob counted
// once per pattern its {a,b} groups stand for.
const (
	// MaxGlobWeight bounds the weight of one file's globs ("ignores:" and
	// every override's "files:" together).
	MaxGlobWeight = 16 << 10
	// MaxDataGlobWeight bounds the weight of the globs that the
	// configuration files inside the checked data (the corpus roots' and
	// those in folders below a corpus path) put in force for one file:
	// data a pull request brings cannot make each file cost more than a
	// few thousand steps per byte of its path.
	MaxDataGlobWeight = 1 << 10
	// MaxOverrides bounds the entries of one file's "overrides:".
	MaxOverrides = 64
	// MaxGlobLen bounds one glob, in bytes.
	MaxGlobLen = 256
	// MaxGlobAlternatives bounds the patterns one glob's {a,b} groups
	// stand for (their product): each is tried on every path.
	MaxGlobAlternatives = 64
	// MaxPatternLen bounds the file-name pattern, in bytes.
	MaxPatternLen = 1024
)

// ConfigError is a configuration file that cannot be used, found during a
// run (a .seedscope.yaml in a folder below a corpus path): a usage error,
// as when the file is found before the run.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// Override is one entry of "overrides:": settings for the files its globs
// match, applied over the file's own settings in the order listed (a
// later entry wins over an earlier one, as in ESLint's flat config).
type Override struct {
	// Files are the globs ('/'-separated, relative to Dir; "**" spans
	// folders) matched against the path of each checked file.
	Files []string
	// Dir is the folder the globs are relative to (absolute): the
	// configuration file's, or the working directory for --config.
	Dir             string
	Enable, Disable []string
	// Required replaces the required fields (adds to them in a
	// configuration inside the checked data).
	Required *[]string
	// FileNamePattern replaces the file-name rule's pattern ("": unchanged).
	FileNamePattern string
	// weight is the globs' (see MaxGlobWeight).
	weight int
	// tighten marks an entry of a configuration inside the checked data:
	// it can only add checks. all marks such a file's own top-level
	// settings, which apply to every file below it after the entries
	// before it.
	tighten, all bool
}

// RebaseGlobs makes the globs of c relative to dir: a file given as
// --config may live anywhere, and its globs are relative to the working
// directory (as ESLint does for --config).
func (c *Config) RebaseGlobs(dir string) {
	dir = absDir(dir)
	c.IgnoreDir = dir
	for i := range c.Overrides {
		c.Overrides[i].Dir = dir
	}
}

// parseGlobs reads a glob or a list of globs and checks each: relative,
// '/'-separated, never climbing out of the configuration file's folder,
// valid, of bounded length and alternatives.
func parseGlobs(at func(*yaml.Node) string, n *yaml.Node) ([]string, error) {
	var items []*yaml.Node
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		items = []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	default:
		return nil, fmt.Errorf("%s: expected a glob or a list of globs (such as \"drafts/**\"), found %s", at(n), yamlnode.Describe(n))
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		it = yamlnode.Resolve(it)
		if it.Kind != yaml.ScalarNode || yamlnode.IsNull(it) {
			return nil, fmt.Errorf("%s: expected a glob, found %s", at(it), yamlnode.Describe(it))
		}
		g, err := checkGlob(it.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at(it), err)
		}
		out = append(out, g)
	}
	return out, nil
}

// checkGlob returns the glob as it is matched ("./" dropped), or why it
// is refused.
func checkGlob(g string) (string, error) {
	g = strings.TrimSpace(g)
	for strings.HasPrefix(g, "./") {
		g = strings.TrimLeft(g[2:], "/")
	}
	if strings.HasSuffix(g, "/") { // a folder: the files below it
		g += "**"
	}
	switch {
	case g == "":
		return "", errors.New("empty glob; give a path relative to this file's folder, such as \"drafts/**\"")
	case len(g) > MaxGlobLen:
		return "", fmt.Errorf("glob %.40q… is longer than %d bytes", g, MaxGlobLen)
	case strings.HasPrefix(g, "/") || filepath.IsAbs(g) || filepath.VolumeName(g) != "":
		return "", fmt.Errorf("glob %q is an absolute path; globs are relative to this file's folder", g)
	case slices.Contains(strings.Split(g, "/"), ".."):
		return "", fmt.Errorf("glob %q climbs out of this file's folder (..); globs match files below it", g)
	case !doublestar.ValidatePattern(g):
		return "", fmt.Errorf("glob %q is not a valid pattern (an unclosed [ or {, or a trailing \\)", g)
	}
	if n := alternatives(g); n > MaxGlobAlternatives {
		return "", fmt.Errorf("glob %q stands for more than %d patterns ({a,b} groups multiply); split it or use fewer alternatives", g, MaxGlobAlternatives)
	}
	return g, nil
}

// alternatives bounds how many brace-free patterns a glob stands for: the
// product of the alternatives of its {…} groups (an upper bound when
// groups nest). The matcher tries each, so it is bounded.
func alternatives(g string) int {
	type group struct{ commas int }
	var stack []group
	total := 1
	for i := 0; i < len(g); i++ {
		switch g[i] {
		case '\\':
			i++
		case '{':
			stack = append(stack, group{})
		case ',':
			if len(stack) > 0 {
				stack[len(stack)-1].commas++
			}
		case '}':
			if len(stack) > 0 {
				total *= stack[len(stack)-1].commas + 1
				stack = stack[:len(stack)-1]
				if total > MaxGlobAlternatives {
					return total
				}
			}
		}
	}
	return total
}

// globWeight is the weight of globs (see MaxGlobWeight).
func globWeight(globs []string) int {
	w := 0
	for _, g := range globs {
		w += len(g) * alternatives(g)
	}
	return w
}

// matchAny reports whether rel (a '/'-separated path below the globs'
// folder) matches one of the globs.
func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if doublestar.MatchUnvalidated(g, rel) {
			return true
		}
	}
	return false
}

// relTo is p's path below dir, '/'-separated; ok is false when p is not
// below dir (the globs of dir's configuration never match it).
func relTo(dir, absFolder, name string) (string, bool) {
	rel, err := filepath.Rel(dir, absFolder)
	if err != nil || escapes(rel) {
		return "", false
	}
	return path.Join(filepath.ToSlash(rel), name), true
}

// overrideKeys are the keys of an "overrides:" entry.
var overrideKeys = []string{"files", "enable", "disable", "required", "rules"}

// parseOverrides reads "overrides:": a list of mappings, each with its
// files and the settings for them.
func parseOverrides(at func(*yaml.Node) string, n *yaml.Node) ([]Override, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: expected a list of {files: GLOBS, enable/disable/required/rules: …} entries, found %s", at(n), yamlnode.Describe(n))
	}
	if len(n.Content) > MaxOverrides {
		return nil, fmt.Errorf("%s: %d entries; at most %d are allowed", at(n), len(n.Content), MaxOverrides)
	}
	out := make([]Override, 0, len(n.Content))
	for i, e := range n.Content {
		e = yamlnode.Resolve(e)
		where := func(m *yaml.Node) string { return at(m) + "[" + strconv.Itoa(i) + "]" }
		if e.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: expected a mapping such as {files: \"bing/**\", disable: [file-name]}, found %s", where(e), yamlnode.Describe(e))
		}
		var o Override
		hasFiles := false
		for j := 0; j+1 < len(e.Content); j += 2 {
			k, v := e.Content[j], yamlnode.Resolve(e.Content[j+1])
			keyAt := func(m *yaml.Node) string { return where(m) + "." + k.Value }
			var err error
			switch k.Value {
			case "files":
				hasFiles = true
				if o.Files, err = parseGlobs(keyAt, v); err != nil {
					return nil, err
				}
				o.weight = globWeight(o.Files)
			case "enable", "disable", "required":
				list, err := configList(v)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", keyAt(v), err)
				}
				switch k.Value {
				case "enable":
					o.Enable = list
				case "disable":
					o.Disable = list
				default:
					if o.Required != nil {
						return nil, fmt.Errorf("%s: the required fields are given twice (required and rules.required-field.fields); give them once", keyAt(v))
					}
					o.Required = &list
				}
			case "rules":
				if err := parseRuleOptions(keyAt, v, &o.FileNamePattern, &o.Required); err != nil {
					return nil, err
				}
			default:
				return nil, fmt.Errorf("%s: unknown key %q%s; an entry's keys are %s", where(k), k.Value, didYouMean(k.Value, overrideKeys), strings.Join(overrideKeys, ", "))
			}
		}
		if !hasFiles || len(o.Files) == 0 {
			return nil, fmt.Errorf("%s: no files: give the globs of the files the entry is for, such as files: \"bing/**\"", where(e))
		}
		if err := checkIDs(o.Enable, o.Disable); err != nil {
			return nil, fmt.Errorf("%s: %w", where(e), err)
		}
		if o.Required != nil {
			if err := checkRequired(*o.Required); err != nil {
				return nil, fmt.Errorf("%s: %w", where(e), err)
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// ruleOptions are the rules with options, and their options.
var ruleOptions = map[string][]string{
	RuleFileName:      {"pattern"},
	RuleRequiredField: {"fields"},
}

// parseRuleOptions reads "rules:": rule ids to their options,
//
//	rules:
//	  file-name: {pattern: '^[a-z0-9-]+\.md$'}
//	  required-field: {fields: [title, url]}
func parseRuleOptions(at func(*yaml.Node) string, n *yaml.Node, pattern *string, required **[]string) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: expected a mapping of rule ids to their options, such as {file-name: {pattern: '^[a-z-]+\\.md$'}}, found %s", at(n), yamlnode.Describe(n))
	}
	withOptions := slices.Sorted(func(yield func(string) bool) {
		for id := range ruleOptions {
			if !yield(id) {
				return
			}
		}
	})
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], yamlnode.Resolve(n.Content[i+1])
		ruleAt := func(m *yaml.Node) string { return at(m) + "." + k.Value }
		keys, ok := ruleOptions[k.Value]
		if !ok {
			if _, known := ruleByID[k.Value]; known {
				return fmt.Errorf("%s: rule %s has no options; rules with options are %s (turn rules on or off with enable and disable)", ruleAt(k), k.Value, strings.Join(withOptions, ", "))
			}
			return fmt.Errorf("%s: unknown rule %q%s; rules with options are %s", ruleAt(k), k.Value, didYouMean(k.Value, RuleIDs()), strings.Join(withOptions, ", "))
		}
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: expected a mapping of options (%s), found %s", ruleAt(v), strings.Join(keys, ", "), yamlnode.Describe(v))
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			ok, ov := v.Content[j], yamlnode.Resolve(v.Content[j+1])
			optAt := ruleAt(ov) + "." + ok.Value
			switch k.Value + "." + ok.Value {
			case RuleFileName + ".pattern":
				p, err := checkFileNamePattern(ov)
				if err != nil {
					return fmt.Errorf("%s: %w", optAt, err)
				}
				*pattern = p
			case RuleRequiredField + ".fields":
				list, err := configList(ov)
				if err != nil {
					return fmt.Errorf("%s: %w", optAt, err)
				}
				if *required != nil {
					return fmt.Errorf("%s: the required fields are given twice (required and rules.required-field.fields); give them once", optAt)
				}
				*required = &list
			default:
				return fmt.Errorf("%s: unknown option %q of %s%s; its options are %s", ruleAt(ok), ok.Value, k.Value, didYouMean(ok.Value, keys), strings.Join(keys, ", "))
			}
		}
	}
	return nil
}

// checkFileNamePattern reads a file-name pattern: a Go regular expression
// (RE2: matching takes time linear in the name) matched against the base
// name of each file.
func checkFileNamePattern(n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return "", fmt.Errorf("expected a regular expression (a string) matched against each file's name, found %s", yamlnode.Describe(n))
	}
	switch {
	case n.Value == "":
		return "", errors.New("empty pattern; give a regular expression such as '^[a-z0-9-]+\\.md$'")
	case len(n.Value) > MaxPatternLen:
		return "", fmt.Errorf("the pattern is longer than %d bytes", MaxPatternLen)
	}
	if _, err := regexp.Compile(n.Value); err != nil {
		return "", fmt.Errorf("not a regular expression: %v", err)
	}
	return n.Value, nil
}

// didYouMean suggests the name one letter off s, if any.
func didYouMean(s string, names []string) string {
	for _, n := range names {
		if oneEditApart(s, n) {
			return fmt.Sprintf(": did you mean %q?", n)
		}
	}
	return ""
}

// tightenScoped checks the overrides of a configuration inside the
// checked data (they may only add checks, as its top-level settings) and
// returns them, after one entry for its own top-level settings, marked to
// tighten; ignores and a file-name pattern are refused.
func tightenScoped(inData *Config, path string) ([]Override, error) {
	refuse := func(what string) error {
		return fmt.Errorf("%s: a configuration file inside the checked folder cannot %s; put the setting in %s in the working directory or pass --config",
			path, what, ConfigFileName)
	}
	if len(inData.Ignores) > 0 {
		return nil, refuse("ignore files (ignores: " + strings.Join(inData.Ignores, ", ") + ")")
	}
	if inData.FileNamePattern != "" {
		return nil, refuse("change the file-name pattern (rules.file-name.pattern), which could accept any name")
	}
	out := []Override{{Enable: inData.Enable, Required: inData.Required, tighten: true, all: true}}
	for _, o := range inData.Overrides {
		if len(o.Disable) > 0 {
			return nil, refuse("turn rules off (overrides: disable: " + strings.Join(o.Disable, ", ") + ")")
		}
		if o.FileNamePattern != "" {
			return nil, refuse("change the file-name pattern (overrides: rules.file-name.pattern), which could accept any name")
		}
		o.tighten = true
		out = append(out, o)
	}
	return out, nil
}

// checkDataWeight refuses the configuration file at path when the globs
// the configuration files inside the checked data put in force (up to
// and with it) weigh more than MaxDataGlobWeight.
func checkDataWeight(c *Config, path string) error {
	w := 0
	for _, o := range c.Overrides {
		if o.tighten {
			w += o.weight
		}
	}
	if w > MaxDataGlobWeight {
		return fmt.Errorf("%s: the configuration files inside the checked folder (this one and those above it) hold %d bytes of globs for the same files; at most %d are allowed (each glob counted once per {a,b} alternative)",
			path, w, MaxDataGlobWeight)
	}
	return nil
}

// applyTo applies the entry's settings to s.
func (o *Override) applyTo(s *Settings) {
	apply(s.enabled, o.Enable, o.Disable)
	if o.FileNamePattern != "" {
		s.fileName = regexp.MustCompile(o.FileNamePattern) // checked when read
	}
	if o.Required == nil {
		return
	}
	if !o.tighten {
		s.Required = slices.Clone(*o.Required)
		return
	}
	req := slices.Clone(s.Required)
	for _, f := range *o.Required {
		if !slices.Contains(req, f) {
			req = append(req, f)
		}
	}
	s.Required = req
}

// scope resolves the settings of each file: the configuration in force
// (the working directory's, with the corpus roots' tightening it), the
// .seedscope.yaml files in the folders between a corpus path and the file
// (inside the checked data: each may only add checks), the overrides
// whose globs match the file, then the command line's flags.
type scope struct {
	mu sync.Mutex
	// folders are the settings of each folder, by its spelling in the
	// walk's paths; the folders of the corpus paths (tops) hold the
	// configuration in force.
	folders map[string]*folder
	base    *folder
	enable  []string
	disable []string
	strict  *bool
	// nested is false with --config: no other file is read.
	nested bool
	// working is the working configuration (in force already: not read
	// again as a nested file); looked up once.
	working     os.FileInfo
	workingPath string
	workingDone bool
	// read1 holds the configuration files read above the corpus paths.
	read1 map[string]readConfig
	// onConfig is told each nested configuration file read.
	onConfig func(string)
	// strictSeen is set when a file was checked under strict settings.
	strictSeen atomic.Bool
}

type folder struct {
	abs string
	cfg *Config
	// plain are the settings of its files no override matches; byMatch
	// those of the files matching a set of overrides.
	plain   *Settings
	byMatch map[string]*Settings
}

func newScope(cfg *Config, base *Settings, enable, disable []string, strict *bool) *scope {
	if cfg == nil {
		cfg = &Config{}
	}
	sc := &scope{folders: map[string]*folder{}, enable: enable, disable: disable, strict: strict, nested: true}
	sc.base = &folder{cfg: cfg, plain: base}
	return sc
}

// NestedConfigs turns the reading of the .seedscope.yaml files below the
// corpus paths on or off (off with --config: only that file is read).
func (s *Settings) NestedConfigs(on bool) {
	if s.scope != nil {
		s.scope.nested = on
	}
}

// OnNestedConfig sets a function told the path of each configuration file
// read below a corpus path, when it is read (for -v).
func (s *Settings) OnNestedConfig(f func(path string)) {
	if s.scope != nil {
		s.scope.onConfig = f
	}
}

// top marks the folder of a corpus path: its files get the settings in
// force (the working configuration, and the corpus root's file: see
// FindConfigs), tightened by the configuration files between the two
// (see between), and the nested files are those below it.
func (s *Settings) top(root string, isDir bool) error {
	sc := s.scope
	if sc == nil {
		return nil
	}
	dir := filepath.Clean(root)
	if !isDir {
		dir = filepath.Dir(dir)
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if _, ok := sc.folders[dir]; ok {
		return nil
	}
	f := &folder{abs: absDir(dir), cfg: sc.base.cfg, plain: sc.base.plain}
	if sc.nested {
		for _, p := range sc.between(dir, f.abs) {
			if err := sc.tighten(f, p); err != nil {
				return err
			}
		}
	}
	sc.folders[dir] = f
	return nil
}

// tighten applies the configuration file at p, inside the checked data,
// over f's settings.
func (sc *scope) tighten(f *folder, p string) error {
	c, err := sc.read(p)
	if err != nil {
		return err
	}
	if f.cfg, err = Tighten(f.cfg, c, p); err != nil {
		return &ConfigError{err}
	}
	if f.plain, err = NewSettings(f.cfg, sc.enable, sc.disable, sc.strict); err != nil {
		return &ConfigError{fmt.Errorf("%s: %w", p, err)}
	}
	f.plain.scope = sc
	return nil
}

// between returns, top-down, the configuration files above a corpus
// path's own (its corpus root's, the nearest upward) and below the
// working configuration's folder: a run on seeds/bing/x.md (pre-commit
// passes files) then reads what a run on seeds reads for that file. A
// path outside the working configuration's folder (or with none) gives
// none: above the corpus root, only the folders the working
// configuration covers are the checked repository's.
func (sc *scope) between(dir, abs string) []string {
	wc := sc.workingConfig()
	if wc == "" {
		return nil
	}
	wdir, err := filepath.Abs(filepath.Dir(wc))
	if err != nil {
		return nil
	}
	var found []string
	nearest := true
	for d, shown := abs, dir; d != wdir; d, shown = filepath.Dir(d), filepath.Join(shown, "..") {
		if exists(filepath.Join(d, ConfigFileName)) {
			if !nearest {
				found = append(found, filepath.Join(shown, ConfigFileName))
			}
			nearest = false
		}
		if exists(filepath.Join(d, ".git")) || filepath.Dir(d) == d {
			return nil // not below the working configuration's folder
		}
	}
	slices.Reverse(found)
	return found
}

// read reads a configuration file inside the checked data, once a run.
func (sc *scope) read(p string) (*Config, error) {
	key := absDir(p)
	if c, ok := sc.read1[key]; ok {
		return c.cfg, c.err
	}
	c, err := ReadConfig(p)
	if err != nil {
		err = &ConfigError{err}
	} else {
		// Its fields: mapping is not read here, as no command reads it on
		// a run on a folder above it: the load reads the corpus root's,
		// and the checks see the documents the load makes.
		c.Fields = nil
		if sc.onConfig != nil {
			sc.onConfig(p)
		}
	}
	if sc.read1 == nil {
		sc.read1 = map[string]readConfig{}
	}
	sc.read1[key] = readConfig{c, err}
	return c, err
}

type readConfig struct {
	cfg *Config
	err error
}

// For returns the settings of the file at p (spelled as the corpus walk
// spells it): those of its folder (resolved once per folder), with the
// overrides whose globs match p. A configuration file that cannot be used
// is a *ConfigError.
func (s *Settings) For(p string) (*Settings, error) {
	sc := s.scope
	if sc == nil {
		return s, nil
	}
	sc.mu.Lock()
	f, err := sc.folder(filepath.Dir(p))
	sc.mu.Unlock()
	if err != nil {
		return nil, err
	}
	out := f.plain
	if len(f.cfg.Overrides) > 0 {
		name := filepath.Base(p)
		var key []byte
		for i := range f.cfg.Overrides {
			if o := &f.cfg.Overrides[i]; o.all || o.matches(f.abs, name) {
				key = strconv.AppendInt(append(key, ','), int64(i), 10)
			}
		}
		if key != nil {
			sc.mu.Lock()
			if out = f.byMatch[string(key)]; out == nil {
				out = sc.build(f.cfg, string(key))
				if f.byMatch == nil {
					f.byMatch = map[string]*Settings{}
				}
				f.byMatch[string(key)] = out
			}
			sc.mu.Unlock()
		}
	}
	if out.Strict {
		sc.strictSeen.Store(true)
	}
	return out, nil
}

// Ignored reports whether the file at p is one of the working
// configuration's ignores: never checked.
func (s *Settings) Ignored(p string) (bool, error) {
	sc := s.scope
	if sc == nil || len(sc.base.cfg.Ignores) == 0 {
		return false, nil
	}
	sc.mu.Lock()
	f, err := sc.folder(filepath.Dir(p))
	sc.mu.Unlock()
	if err != nil {
		return false, err
	}
	rel, ok := relTo(sc.base.cfg.IgnoreDir, f.abs, filepath.Base(p))
	return ok && matchAny(sc.base.cfg.Ignores, rel), nil
}

// strictSeen reports whether a file was checked under strict settings.
func (s *Settings) strictSeen() bool { return s.scope != nil && s.scope.strictSeen.Load() }

func (o *Override) matches(abs, name string) bool {
	rel, ok := relTo(o.Dir, abs, name)
	return ok && matchAny(o.Files, rel)
}

// build makes the settings of a folder's configuration with the overrides
// key lists (",0,3"), then the flags.
func (sc *scope) build(cfg *Config, key string) *Settings {
	s, err := NewSettings(cfg, nil, nil, nil)
	if err != nil { // checked when read; never here
		s = DefaultSettings()
	}
	for part := range strings.SplitSeq(strings.TrimPrefix(key, ","), ",") {
		if i, err := strconv.Atoi(part); err == nil && i < len(cfg.Overrides) {
			cfg.Overrides[i].applyTo(s)
		}
	}
	apply(s.enabled, sc.enable, sc.disable)
	if sc.strict != nil {
		s.Strict = *sc.strict
	}
	s.scope = sc
	return s
}

// folder returns the settings of a folder, reading the configuration
// files of the folders between it and the nearest one known (a corpus
// path's). Called with sc.mu held.
func (sc *scope) folder(dir string) (*folder, error) {
	if f, ok := sc.folders[dir]; ok {
		return f, nil
	}
	var chain []string
	d := dir
	var f *folder
	for {
		if known, ok := sc.folders[d]; ok {
			f = known
			break
		}
		chain = append(chain, d)
		parent := filepath.Dir(d)
		if parent == d { // below no corpus path: the settings in force
			f = sc.base
			break
		}
		d = parent
	}
	for i := len(chain) - 1; i >= 0; i-- {
		child, err := sc.child(f, chain[i])
		if err != nil {
			return nil, err
		}
		sc.folders[chain[i]] = child
		f = child
	}
	return f, nil
}

// child is the folder dir below parent: parent's settings, tightened by
// dir's configuration file if it has one.
func (sc *scope) child(parent *folder, dir string) (*folder, error) {
	f := &folder{abs: absDir(dir), cfg: parent.cfg, plain: parent.plain}
	if !sc.nested {
		return f, nil
	}
	p := filepath.Join(dir, ConfigFileName)
	if !exists(p) || sc.isWorking(p) {
		return f, nil
	}
	if err := sc.tighten(f, p); err != nil {
		return nil, err
	}
	return f, nil
}

// workingConfig is WorkingConfig, looked up once.
func (sc *scope) workingConfig() string {
	if !sc.workingDone {
		sc.workingDone = true
		if sc.workingPath = WorkingConfig(); sc.workingPath != "" {
			sc.working, _ = os.Stat(sc.workingPath)
		}
	}
	return sc.workingPath
}

// isWorking reports whether p is the working configuration, in force
// already.
func (sc *scope) isWorking(p string) bool {
	sc.workingConfig()
	if sc.working == nil {
		return false
	}
	fi, err := os.Stat(p)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	return os.SameFile(fi, sc.working)
}

// mayRun reports whether a rule may run on some file of the run: on in
// these settings, or not turned off by the command line (a configuration
// file below a corpus path, or an override, may turn it on).
func (s *Settings) mayRun(id string) bool {
	if s.Enabled(id) || s.scope == nil {
		return s.Enabled(id)
	}
	return !slices.Contains(s.scope.disable, id)
}
