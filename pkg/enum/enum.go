// Package enum checks and lists the fixed sets of names that flags take
// (formats, sort keys, parsers, kinds), so every such flag explains itself
// the same way.
package enum

import (
	"fmt"
	"slices"
	"strings"
)

// Names returns the values as plain strings, e.g. for shell completion.
func Names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// Join prints the values as "a|b|c", as help and errors show them.
func Join[T ~string](values []T) string {
	return strings.Join(Names(values), "|")
}

// Parse returns the value s names, ignoring case, or an error that names
// what was asked for (what: "format", "--parser") and lists the valid
// values: `invalid format "xml": valid values are {table|tsv|json}`.
func Parse[T ~string](what, s string, values []T) (T, error) {
	v := T(strings.ToLower(s))
	if !slices.Contains(values, v) {
		return "", fmt.Errorf("invalid %s %q: valid values are {%s}", what, s, Join(values))
	}
	return v, nil
}
