package validate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// ConfigFileName is the optional configuration file, looked for upward
// from the working directory (its settings are in force: see
// WorkingConfig) and upward from each corpus path (the corpus root's, which
// may only add checks: see FindRoot and Tighten).
const ConfigFileName = ".seedscope.yaml"

// DefaultRequired are the fields a front-matter document must have.
// "url" is satisfied by either webUrl or sourceUrl.
var DefaultRequired = []string{"title", "url", "publishedDateTime", "provider.name"}

// Config is what a configuration file, and then the command line, can set.
// In .seedscope.yaml it sits under the "validate" key:
//
//	validate:
//	  disable: [file-name]
//	  enable: [unknown-field]
//	  strict: true
//	  required: [title, url]
type Config struct {
	Enable  []string `yaml:"enable"`
	Disable []string `yaml:"disable"`
	Strict  *bool    `yaml:"strict"`
	// Required replaces DefaultRequired when set (an empty list requires
	// nothing).
	Required *[]string `yaml:"required"`
	// Fields is the file's top-level "fields:" mapping (see
	// ParseFieldMapping), which every command reads.
	Fields map[string][]string `yaml:"-"`
	// Corpus is the file's top-level "corpus:" key (see ReadCorpusKey).
	Corpus string `yaml:"-"`
	// Ignores are globs of files never checked, relative to IgnoreDir
	// (the file's folder; see Override for the glob syntax).
	Ignores   []string `yaml:"-"`
	IgnoreDir string   `yaml:"-"`
	// Overrides are settings for the files their globs match, in order.
	Overrides []Override `yaml:"-"`
	// FileNamePattern replaces the file-name rule's pattern ("": the
	// default, NNN_<16 hex digits>.ext).
	FileNamePattern string `yaml:"-"`
}

// fileConfig is the layout of .seedscope.yaml; other commands may own
// other top-level keys, which validate ignores.
type fileConfig struct {
	Validate yaml.Node `yaml:"validate"`
	Fields   yaml.Node `yaml:"fields"`
	Corpus   yaml.Node `yaml:"corpus"`
}

// topKeys are seedscope's top-level keys. Other keys are left alone (a
// file may carry settings of other tools), unless one letter off one of
// these: a typo that would silently do nothing.
var topKeys = []string{"validate", "fields", "corpus"}

// decodeFile parses a configuration file's layout and refuses a
// top-level key one letter off one of seedscope's.
func decodeFile(path string, data []byte) (*fileConfig, error) {
	var doc yaml.Node
	var fc fileConfig
	err := yamlnode.Fenced(func() error {
		if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
			return err
		}
		return doc.Decode(&fc)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return &fc, nil
	}
	if m := yamlnode.Resolve(doc.Content[0]); m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if slices.Contains(topKeys, k.Value) {
				continue
			}
			for _, known := range topKeys {
				if oneEditApart(k.Value, known) {
					return nil, fmt.Errorf("%s:%d:%d: unknown key %q: did you mean %q? (seedscope reads %s; other keys are left to other tools)",
						path, k.Line, k.Column, k.Value, known, strings.Join(topKeys, ", "))
				}
			}
		}
	}
	return &fc, nil
}

// ReadCorpusKey reads the "corpus:" key of a configuration file (with
// ReadConfig's checks on the file): the corpus read by a command given no
// path, relative to the file's folder. A file without the key gives "".
func ReadCorpusKey(path string) (string, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return "", err
	}
	fc, err := decodeFile(path, data)
	if err != nil {
		return "", err
	}
	return parseCorpus(path, &fc.Corpus)
}

// parseCorpus checks a "corpus:" value: a path, relative to the
// configuration file's folder and inside it. An absolute path or one
// that climbs out ("../other", "/etc") is refused: a configuration file
// arrives with the repository, possibly in a pull request, and must not
// make a CI job read files outside it. A corpus elsewhere is named on the
// command line.
func parseCorpus(path string, n *yaml.Node) (string, error) {
	if n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return "", nil
	}
	v := yamlnode.Resolve(n)
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return "", fmt.Errorf("%s:%d:%d: corpus: expected the path of a folder (a string), relative to this file's folder, found %s", path, v.Line, v.Column, yamlnode.Describe(v))
	}
	name := v.Value
	clean := filepath.Clean(filepath.FromSlash(name))
	switch {
	case strings.TrimSpace(name) == "":
		return "", fmt.Errorf("%s:%d:%d: corpus: empty path; give a folder relative to this file's folder, such as seeds", path, v.Line, v.Column)
	case filepath.IsAbs(name) || filepath.IsAbs(clean) || strings.HasPrefix(name, "/") || filepath.VolumeName(clean) != "":
		return "", fmt.Errorf("%s:%d:%d: corpus: %q is an absolute path; give a folder relative to this file's folder (a corpus elsewhere is named on the command line)", path, v.Line, v.Column, name)
	case escapes(clean):
		return "", fmt.Errorf("%s:%d:%d: corpus: %q is outside this file's folder; give a folder below it (a corpus elsewhere is named on the command line)", path, v.Line, v.Column, name)
	}
	return name, nil
}

// MaxConfigSize bounds a configuration file: real ones are a few lines.
const MaxConfigSize = 64 << 10

// ReadConfig parses a configuration file. Unknown keys under "validate"
// and unknown rule IDs are errors, and so is a file that is not a regular
// file (a FIFO is refused without blocking on it) or is larger than
// MaxConfigSize.
func ReadConfig(path string) (*Config, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, data)
}

// readConfigFile reads a regular file of at most MaxConfigSize bytes. It
// looks before it opens, so a FIFO or a device is never opened, and opens
// without blocking and looks again, in case the file was swapped between.
func readConfigFile(path string) ([]byte, error) {
	notRegular := func() error {
		return &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, notRegular()
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, notRegular()
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("%s: a configuration file may hold at most %d KiB; this one holds more", path, MaxConfigSize>>10)
	}
	return data, nil
}

// ParseConfig parses the bytes of a configuration file; path is used in
// error messages only.
func ParseConfig(path string, data []byte) (*Config, error) {
	fc, err := decodeFile(path, data)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	fields, err := parseFields(path, &fc.Fields)
	if err != nil {
		return nil, err
	}
	c.Fields = fields
	if c.Corpus, err = parseCorpus(path, &fc.Corpus); err != nil {
		return nil, err
	}
	if fc.Validate.Kind == 0 {
		return c, nil
	}
	v := &fc.Validate
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return c, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: validate: expected a mapping", path, v.Line, v.Column)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], yamlnode.Resolve(v.Content[i+1])
		at := func(n *yaml.Node) string {
			return fmt.Sprintf("%s:%d:%d: validate.%s", path, n.Line, n.Column, k.Value)
		}
		switch k.Value {
		case "enable", "disable", "required":
			list, err := configList(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", at(val), err)
			}
			switch k.Value {
			case "enable":
				c.Enable = list
			case "disable":
				c.Disable = list
			default:
				if c.Required != nil {
					return nil, fmt.Errorf("%s: the required fields are given twice (required and rules.required-field.fields); give them once", at(val))
				}
				c.Required = &list
			}
		case "ignores":
			if c.Ignores, err = parseGlobs(at, val); err != nil {
				return nil, err
			}
		case "overrides":
			if c.Overrides, err = parseOverrides(at, val); err != nil {
				return nil, err
			}
		case "rules":
			if err := parseRuleOptions(at, val, &c.FileNamePattern, &c.Required); err != nil {
				return nil, err
			}
		case "strict":
			var b bool
			if val.Kind != yaml.ScalarNode || yamlnode.DecodeScalar(val, &b) != nil {
				return nil, fmt.Errorf("%s: expected true or false, found %s", at(val), yamlnode.Describe(val))
			}
			c.Strict = &b
		default:
			return nil, fmt.Errorf("%s:%d:%d: validate: unknown key %q%s; valid keys are %s", path, k.Line, k.Column, k.Value, didYouMean(k.Value, configKeys), strings.Join(configKeys, ", "))
		}
	}
	weight := globWeight(c.Ignores)
	for _, o := range c.Overrides {
		weight += o.weight
	}
	if weight > MaxGlobWeight {
		return nil, fmt.Errorf("%s: the globs (ignores and overrides' files) hold %d bytes; at most %d are allowed (each glob counted once per {a,b} alternative)", path, weight, MaxGlobWeight)
	}
	dir := absDir(filepath.Dir(path)) // the globs are relative to it
	c.IgnoreDir = dir
	for i := range c.Overrides {
		c.Overrides[i].Dir = dir
	}
	if err := checkIDs(c.Enable, c.Disable); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if c.Required != nil {
		if err := checkRequired(*c.Required); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return c, nil
}

// configList reads a list of names: a YAML list of strings, or one
// string (a single name). Null is the empty list.
func configList(n *yaml.Node) ([]string, error) {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return []string{}, nil
	case n.Kind == yaml.ScalarNode:
		return []string{strings.TrimSpace(n.Value)}, nil
	case n.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("expected a list of names, found %s", yamlnode.Describe(n))
	}
	list := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		item = yamlnode.Resolve(item)
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			return nil, fmt.Errorf("expected a list of names, found %s at %d:%d", yamlnode.Describe(item), item.Line, item.Column)
		}
		list = append(list, strings.TrimSpace(item.Value))
	}
	return list, nil
}

// ReadFieldMapping reads the "fields:" mapping of a configuration file
// (with ReadConfig's checks on the file itself; the rest of the file is
// validate's business and not looked at) and makes it a corpus.FieldMap:
//
//	fields:
//	  publishedAt: [date, publishDate]
//	  topics: tags
//
// maps a corpus's own front-matter keys onto seedscope's fields. An
// unknown field, a field not read from front matter, or a key that fills
// two fields is an error. A file without the key gives nil.
func ReadFieldMapping(path string) (map[string][]string, error) {
	data, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := decodeFile(path, data)
	if err != nil {
		return nil, err
	}
	return parseFields(path, &fc.Fields)
}

// parseFields checks the shape of a "fields:" mapping: field names to a
// key or a list of keys. The names are checked by corpus.NewFieldMap.
func parseFields(path string, n *yaml.Node) (map[string][]string, error) {
	if n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: fields: expected a mapping of seedscope fields to front-matter keys, such as {publishedAt: [date]}", path, n.Line, n.Column)
	}
	out := map[string][]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d:%d: fields: a field name must be a string", path, k.Line, k.Column)
		}
		if _, dup := out[k.Value]; dup {
			return nil, fmt.Errorf("%s:%d:%d: fields: %q given twice", path, k.Line, k.Column, k.Value)
		}
		var keys []string
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			keys = []string{v.Value}
		case v.Kind == yaml.SequenceNode:
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
					return nil, fmt.Errorf("%s:%d:%d: fields: %s: expected a front-matter key, found %s", path, item.Line, item.Column, k.Value, yamlnode.Describe(item))
				}
				keys = append(keys, item.Value)
			}
		default:
			return nil, fmt.Errorf("%s:%d:%d: fields: %s: expected a front-matter key or a list of them", path, v.Line, v.Column, k.Value)
		}
		out[k.Value] = keys
	}
	if _, err := corpus.NewFieldMap(out); err != nil {
		return nil, fmt.Errorf("%s:%d:%d: %w", path, n.Line, n.Column, err)
	}
	return out, nil
}

// MergeFieldMappings joins mappings (of the working directory's and the
// corpus folder's configuration files): a field's keys are those of all.
// Clashes are found when the result is made a corpus.FieldMap.
func MergeFieldMappings(ms ...map[string][]string) map[string][]string {
	var out map[string][]string
	for _, m := range ms {
		for f, keys := range m {
			if out == nil {
				out = map[string][]string{}
			}
			for _, k := range keys {
				if !slices.Contains(out[f], k) {
					out[f] = append(out[f], k)
				}
			}
		}
	}
	return out
}

// configKeys are the keys allowed under "validate".
var configKeys = []string{"enable", "disable", "strict", "required", "ignores", "overrides", "rules"}

// ConfigFile is a configuration file found for a run.
type ConfigFile struct {
	Path string
	// InData marks the file found in a corpus folder: part of the data
	// being checked, it may only make the checks stricter (see Tighten).
	InData bool
}

// FindConfigs returns the configuration files for these roots, in the
// order they apply: the working configuration (ConfigFileName found upward
// from the working directory, see WorkingConfig), whose settings are in
// force, then the configuration file of each root's corpus (see FindRoot)
// that is another file, in the order of the roots, each once: part of
// the checked data, each may only add checks. A name that exists but is
// not a regular file is returned, so that ReadConfig reports it.
func FindConfigs(roots []string) ([]ConfigFile, error) {
	found, err := FindRoots(roots)
	if err != nil {
		return nil, err
	}
	return ConfigsOf(found), nil
}

// ConfigsOf is FindConfigs for roots already found.
func ConfigsOf(roots []Root) []ConfigFile {
	var out []ConfigFile
	var infos []os.FileInfo
	seen := func(p string) bool {
		fi, err := os.Stat(p)
		if err != nil {
			return slices.ContainsFunc(out, func(c ConfigFile) bool { return c.Path == p })
		}
		for _, o := range infos {
			if os.SameFile(fi, o) {
				return true
			}
		}
		infos = append(infos, fi)
		return false
	}
	if wd := WorkingConfig(); wd != "" {
		seen(wd)
		out = append(out, ConfigFile{Path: wd})
	}
	for _, r := range roots {
		if r.Config != "" && !seen(r.Config) {
			out = append(out, ConfigFile{Path: r.Config, InData: true})
		}
	}
	return out
}

// Tighten applies over base (may be nil) a configuration found inside
// the checked data, which may only make the checks stricter: its enable
// list turns rules on (even ones base turned off), strict: true makes
// warnings fail, and its required fields are added to base's (or to the
// defaults). A disable list, which would let the data switch off the
// checks on itself, is an error; strict: false changes nothing. Its
// overrides may only add checks too, and it may not ignore files or set
// the file-name pattern; its own settings and its overrides come after
// base's overrides (see Override), so what it turns on is on for every
// file below it.
func Tighten(base, inData *Config, path string) (*Config, error) {
	if len(inData.Disable) > 0 {
		return nil, fmt.Errorf("%s: a configuration file inside the checked folder cannot turn rules off (disable: %s); put the setting in %s in the working directory or pass --config",
			path, strings.Join(inData.Disable, ", "), ConfigFileName)
	}
	scoped, err := tightenScoped(inData, path)
	if err != nil {
		return nil, err
	}
	out := &Config{Fields: inData.Fields}
	if base != nil {
		out.Fields = MergeFieldMappings(base.Fields, inData.Fields)
		out.Enable = slices.Clone(base.Enable)
		out.Disable = slices.Clone(base.Disable)
		out.Strict = base.Strict
		out.Required = base.Required
		out.Ignores, out.IgnoreDir = base.Ignores, base.IgnoreDir
		out.Overrides = slices.Clone(base.Overrides)
		out.FileNamePattern = base.FileNamePattern
	}
	// After the overrides in force, so that what the data turns on is on
	// for every file below it.
	out.Overrides = append(out.Overrides, scoped...)
	if err := checkDataWeight(out, path); err != nil {
		return nil, err
	}
	for _, id := range inData.Enable {
		out.Disable = slices.DeleteFunc(out.Disable, func(d string) bool { return d == id })
		if !slices.Contains(out.Enable, id) {
			out.Enable = append(out.Enable, id)
		}
	}
	if inData.Strict != nil && *inData.Strict {
		yes := true
		out.Strict = &yes
	}
	if inData.Required != nil {
		req := slices.Clone(DefaultRequired)
		if out.Required != nil {
			req = slices.Clone(*out.Required)
		}
		for _, f := range *inData.Required {
			if !slices.Contains(req, f) {
				req = append(req, f)
			}
		}
		out.Required = &req
	}
	return out, nil
}

// Settings is a resolved configuration: which rules run, what is
// required, whether warnings fail.
type Settings struct {
	enabled  map[string]bool
	Required []string
	Strict   bool
	// Fields is the configuration's mapping of the corpus's own keys
	// onto document fields: the load reads them, and unknown-field knows
	// them.
	Fields  *corpus.FieldMap
	docKeys atomic.Pointer[map[string]string]
	// fileName is the file-name rule's pattern (nil: fileNamePattern).
	fileName *regexp.Regexp
	// scope resolves the settings of each file (see For).
	scope *scope
}

// requiredKeys are the keys that satisfy a required name: a front-matter
// key or a field's export name ("url" is webUrl or sourceUrl) stands for
// every key that fills its field, mapped ones included.
func (s *Settings) requiredKeys(name string) []string {
	field := name
	if f, ok := s.documentKeys()[name]; ok {
		field = f
	}
	if keys := s.Fields.KeysOf("document", field); len(keys) > 0 {
		return keys
	}
	return []string{name}
}

// nestedRequiredKeys are the keys of a nested record (provider.name)
// that satisfy a required name.
func nestedRequiredKeys(top, name string) []string {
	if keys := (*corpus.FieldMap)(nil).KeysOf(top, name); len(keys) > 0 {
		return keys
	}
	return []string{name}
}

// documentKeys are the front-matter keys of a document, with the field
// each fills.
// The workers of a run share s: the first to ask builds the set.
func (s *Settings) documentKeys() map[string]string {
	if m := s.docKeys.Load(); m != nil {
		return *m
	}
	m := s.Fields.FrontMatterKeys("document")
	s.docKeys.Store(&m)
	return m
}

// NewSettings applies the defaults, then the configuration file (may be
// nil), then the command line's --enable/--disable lists and --strict.
func NewSettings(file *Config, enable, disable []string, strict *bool) (*Settings, error) {
	enable, disable = trimIDs(enable), trimIDs(disable)
	if err := checkIDs(enable, disable); err != nil {
		return nil, err
	}
	for _, id := range enable {
		if slices.Contains(disable, id) {
			return nil, fmt.Errorf("rule %s is both enabled and disabled: give it once", id)
		}
	}
	s := &Settings{enabled: map[string]bool{}, Required: slices.Clone(DefaultRequired)}
	for _, r := range Rules {
		s.enabled[r.ID] = r.Default
	}
	if file != nil {
		if err := checkIDs(file.Enable, file.Disable); err != nil {
			return nil, err
		}
		apply(s.enabled, file.Enable, file.Disable)
		if file.Strict != nil && *file.Strict {
			s.Strict = true
		}
		if file.Required != nil {
			if err := checkRequired(*file.Required); err != nil {
				return nil, err
			}
			s.Required = slices.Clone(*file.Required)
		}
		fm, err := corpus.NewFieldMap(file.Fields)
		if err != nil {
			return nil, err
		}
		s.Fields = fm
		if file.FileNamePattern != "" {
			if s.fileName, err = regexp.Compile(file.FileNamePattern); err != nil {
				return nil, fmt.Errorf("rules.file-name.pattern: %w", err)
			}
		}
		for _, o := range file.Overrides {
			if err := checkIDs(o.Enable, o.Disable); err != nil {
				return nil, err
			}
		}
	}
	apply(s.enabled, enable, disable)
	if strict != nil { // --strict or --strict=false: over the file's setting
		s.Strict = *strict
	}
	s.scope = newScope(file, s, enable, disable, strict)
	return s, nil
}

// trimIDs drops the spaces around rule ids ("--disable 'a, b'").
func trimIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// DefaultSettings runs the default rules with the default required fields.
func DefaultSettings() *Settings {
	s, _ := NewSettings(nil, nil, nil, nil)
	return s
}

func apply(m map[string]bool, enable, disable []string) {
	for _, id := range enable {
		m[id] = true
	}
	for _, id := range disable {
		m[id] = false
	}
}

// Enabled reports whether the rule runs.
func (s *Settings) Enabled(id string) bool { return s.enabled[id] }

// Set turns a rule on or off (rules must exist).
func (s *Settings) Set(id string, on bool) error {
	if err := checkIDs([]string{id}); err != nil {
		return err
	}
	s.enabled[id] = on
	return nil
}

// checkRequired accepts a field name or provider.<field>; "url", "ampUrl"
// and "cdnAmpUrl" stand for both spellings of their field.
// A name one letter off a name seedscope knows (titel, urls) is refused as
// a typo; any other name may be a corpus's own key and is kept.
func checkRequired(fields []string) error {
	known := requiredNames()
	for _, f := range fields {
		parts := strings.Split(f, ".")
		if f == "" || len(parts) > 2 || slices.Contains(parts, "") {
			return fmt.Errorf("required field %q: expected a field name such as title or provider.name", f)
		}
		if slices.Contains(known, f) || len(f) < 4 {
			continue
		}
		for _, k := range known {
			if oneEditApart(f, k) {
				return fmt.Errorf("required field %q: did you mean %q? (a corpus's own key is kept only when it is not one letter off a field)", f, k)
			}
		}
	}
	return nil
}

// requiredNames are the names a required list may give for seedscope's
// fields: export names, front-matter keys, and provider.<field>.
func requiredNames() []string {
	var names []string
	for k, field := range (*corpus.FieldMap)(nil).FrontMatterKeys("document") {
		names = append(names, k, field)
	}
	for k := range (*corpus.FieldMap)(nil).FrontMatterKeys("provider") {
		names = append(names, "provider."+k)
	}
	slices.Sort(names) // the first suggestion is the same every run
	return slices.Compact(names)
}

// oneEditApart reports whether a and b differ by one inserted, deleted or
// replaced character, or two neighbours swapped.
func oneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) < len(b): // one inserted
		return a[i:] == b[i+1:]
	case a[i+1:] == b[i+1:]: // one replaced
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // two swapped
}
