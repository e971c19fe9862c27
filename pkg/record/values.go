package record

import "time"

// OptString is s as a nullable string field's value: null when empty.
func OptString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// List is s as a list field's value: never null, an empty list is [].
func List(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// OptTime is t as a nullable time field's value: RFC 3339, null when
// missing.
func OptTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.RFC3339)
}
