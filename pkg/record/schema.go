package record

import (
	"bytes"
	"encoding/json"
)

// Dialect is the JSON Schema dialect of the schemas made here.
const Dialect = "https://json-schema.org/draft/2020-12/schema"

// Schema is a JSON Schema: a JSON object whose keys keep the order they
// were added in, so printed schemas read in field order and are the same
// on every run.
type Schema []Member

// Member is one key of a Schema.
type Member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order.
func (s Schema) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Get returns the value of key, or nil.
func (s Schema) Get(key string) any {
	for _, m := range s {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// RecordSchema is the JSON Schema (draft 2020-12) of one record with the
// given fields, as a document of its own ($schema, title, description).
func RecordSchema(title, doc string, fields []Info) Schema {
	return append(Schema{{"$schema", Dialect}}, DefSchema(title, doc, fields)...)
}

// DefSchema is RecordSchema without $schema, for a record's entry in the
// $defs of a larger schema.
func DefSchema(title, doc string, fields []Info) Schema {
	s := Schema{{"title", title}}
	if doc != "" {
		s = append(s, Member{"description", doc})
	}
	return append(s, ObjectSchema(fields, false)...)
}

// ObjectSchema is the schema of a JSON object of the given fields: every
// key is required (a record never leaves one out; a missing value is
// null) and no other key is allowed.
func ObjectSchema(fields []Info, nullable bool) Schema {
	props := make(Schema, len(fields))
	required := make([]string, len(fields))
	for i, f := range fields {
		props[i] = Member{f.Name, FieldSchema(f)}
		required[i] = f.Name
	}
	return Schema{
		{"type", typeOf("object", nullable)},
		{"properties", props},
		{"required", required},
		{"additionalProperties", false},
	}
}

// FieldSchema is the schema of one field's value: the JSON type of its
// kind, null allowed when the field is nullable, its description, and the
// fields of nested objects.
func FieldSchema(f Info) Schema {
	s := Schema{}
	if f.Doc != "" {
		s = append(s, Member{"description", f.Doc})
	}
	switch f.Kind {
	case String:
		s = append(s, Member{"type", typeOf("string", f.Nullable)})
	case Integer:
		s = append(s, Member{"type", typeOf("integer", f.Nullable)})
	case Number:
		s = append(s, Member{"type", typeOf("number", f.Nullable)})
	case Boolean:
		s = append(s, Member{"type", typeOf("boolean", f.Nullable)})
	case Time:
		s = append(s, Member{"type", typeOf("string", f.Nullable)}, Member{"format", "date-time"})
	case StringList:
		s = append(s, Member{"type", typeOf("array", f.Nullable)}, Member{"items", Schema{{"type", "string"}}})
	case Object:
		s = append(s, ObjectSchema(f.Sub, f.Nullable)...)
	case ObjectList:
		s = append(s, Member{"type", typeOf("array", f.Nullable)}, Member{"items", ObjectSchema(f.Sub, false)})
	case Map:
		// Open: its keys are data.
		s = append(s, Member{"type", typeOf("object", f.Nullable)})
	case Any:
		// No constraint: whatever the data holds.
	}
	return s
}

// typeOf is a "type" value: the JSON type, or it and "null".
func typeOf(t string, nullable bool) any {
	if nullable {
		return []string{t, "null"}
	}
	return t
}
