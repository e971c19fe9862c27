package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigFileName is the optional configuration file looked for in the
// corpus root, then in the working directory.
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
}

// fileConfig is the layout of .seedscope.yaml; other commands may own
// other top-level keys, which validate ignores.
type fileConfig struct {
	Validate yaml.Node `yaml:"validate"`
}

// ReadConfig parses a configuration file. Unknown keys under "validate"
// and unknown rule IDs are errors.
func ReadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, data)
}

// ParseConfig parses the bytes of a configuration file; path is used in
// error messages only.
func ParseConfig(path string, data []byte) (*Config, error) {
	var fc fileConfig
	if err := yaml.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &Config{}
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
		k := v.Content[i]
		if !slices.Contains(configKeys, k.Value) {
			return nil, fmt.Errorf("%s:%d:%d: validate: unknown key %q; valid keys are %s", path, k.Line, k.Column, k.Value, strings.Join(configKeys, ", "))
		}
	}
	if err := v.Decode(c); err != nil {
		return nil, fmt.Errorf("%s: validate: %w", path, err)
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

// configKeys are the keys allowed under "validate".
var configKeys = []string{"enable", "disable", "strict", "required"}

// FindConfig returns the configuration file to use for these roots: the
// first root that is a folder holding ConfigFileName, else the one in the
// working directory, else "" (no file).
func FindConfig(roots []string) string {
	var dirs []string
	for _, r := range roots {
		if fi, err := os.Stat(r); err == nil && fi.IsDir() {
			dirs = append(dirs, r)
		}
	}
	dirs = append(dirs, ".")
	for _, d := range dirs {
		p := filepath.Join(d, ConfigFileName)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return p // let ReadConfig report the problem
		}
	}
	return ""
}

// Settings is a resolved configuration: which rules run, what is
// required, whether warnings fail.
type Settings struct {
	enabled  map[string]bool
	Required []string
	Strict   bool
}

// NewSettings applies the defaults, then the configuration file (may be
// nil), then the command line's --enable/--disable lists and --strict.
func NewSettings(file *Config, enable, disable []string, strict bool) (*Settings, error) {
	if err := checkIDs(enable, disable); err != nil {
		return nil, err
	}
	s := &Settings{enabled: map[string]bool{}, Required: slices.Clone(DefaultRequired), Strict: strict}
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
	}
	apply(s.enabled, enable, disable)
	return s, nil
}

// DefaultSettings runs the default rules with the default required fields.
func DefaultSettings() *Settings {
	s, _ := NewSettings(nil, nil, nil, false)
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
func checkRequired(fields []string) error {
	for _, f := range fields {
		parts := strings.Split(f, ".")
		if f == "" || len(parts) > 2 || slices.Contains(parts, "") {
			return fmt.Errorf("required field %q: expected a field name such as title or provider.name", f)
		}
	}
	return nil
}
