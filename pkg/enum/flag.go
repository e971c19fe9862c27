package enum

import (
	"fmt"
	"slices"
	"strings"
)

// Completer is a flag value that knows its valid values: shell completion
// offers them (cmd registers every flag whose value is a Completer).
type Completer interface {
	Completions() []string
}

// Value is the one flag type for a flag that takes one name of a fixed
// set (--format, --sort, --parser): it parses the name (any case, or one
// of its aliases), refuses any other with an error that lists the valid
// values — cobra reports it as a usage error, exit 2 — and lists the
// values for shell completion. The zero value of the target means "not
// given".
type Value[T ~string] struct {
	p       *T
	what    string
	values  []T
	aliases map[string]T
	// refuse, when set, explains why a name outside values is refused
	// (e.g. a format that exists but that this command does not write).
	refuse func(s string) string
}

// NewValue returns a flag value that stores into p one of values; what
// names the flag in errors ("format", "--parser"). *p keeps its value as
// the default.
func NewValue[T ~string](p *T, what string, values []T) *Value[T] {
	return &Value[T]{p: p, what: what, values: values}
}

// WithAliases adds other names for values (lower case).
func (v *Value[T]) WithAliases(aliases map[string]T) *Value[T] {
	v.aliases = aliases
	return v
}

// WithRefusal adds a reason to the error for a name outside the values:
// why returns "" when it has nothing to add.
func (v *Value[T]) WithRefusal(why func(s string) string) *Value[T] {
	v.refuse = why
	return v
}

// Set parses s.
func (v *Value[T]) Set(s string) error {
	t, err := v.Parse(s)
	if err != nil {
		return err
	}
	*v.p = t
	return nil
}

// Parse returns the value s names, as Set would store it.
func (v *Value[T]) Parse(s string) (T, error) {
	low := strings.ToLower(s)
	if t, ok := v.aliases[low]; ok && slices.Contains(v.values, t) {
		return t, nil
	}
	t, err := Parse(v.what, s, v.values)
	if err != nil && v.refuse != nil {
		if why := v.refuse(low); why != "" {
			return "", fmt.Errorf("%w (%s)", err, why)
		}
	}
	return t, err
}

// String is the current value.
func (v *Value[T]) String() string { return string(*v.p) }

// Type names the value in help: the flag's name without dashes.
func (v *Value[T]) Type() string { return strings.TrimLeft(v.what, "-") }

// Completions lists the valid values, in order (aliases are accepted but
// not offered).
func (v *Value[T]) Completions() []string { return Names(v.values) }

// Usage is the values as help shows them: "{a|b|c}".
func (v *Value[T]) Usage() string { return "{" + Join(v.values) + "}" }

// Slice is Value for a repeatable flag (--kind a --kind b): each use
// appends one checked value.
type Slice[T ~string] struct {
	p   *[]T
	one *Value[T]
}

// NewSlice returns a repeatable flag value that appends to p.
func NewSlice[T ~string](p *[]T, what string, values []T) *Slice[T] {
	var scratch T
	return &Slice[T]{p: p, one: NewValue(&scratch, what, values)}
}

// Set parses and appends s.
func (s *Slice[T]) Set(v string) error {
	t, err := s.one.Parse(v)
	if err != nil {
		return err
	}
	*s.p = append(*s.p, t)
	return nil
}

// String lists the values given.
func (s *Slice[T]) String() string {
	if len(*s.p) == 0 {
		return "" // pflag shows no default for an empty value
	}
	return "[" + strings.Join(Names(*s.p), ",") + "]"
}

// Type names the value in help.
func (s *Slice[T]) Type() string { return s.one.Type() }

// Completions lists the valid values.
func (s *Slice[T]) Completions() []string { return s.one.Completions() }
