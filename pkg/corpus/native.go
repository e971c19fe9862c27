package corpus

import (
	"math"
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/record"
)

// Fields is a record of the field table (a document, or a provider, image
// or related item inside one) read field by field with its Go types, for
// writers that keep types (Parquet, SQLite) instead of JSON. Field i is
// the i-th of Infos, in table order; each getter is for the kinds it
// names, and reports null as ok == false (what the JSON encoders write as
// null: an empty nullable string, a nil pointer, a number that is NaN or
// infinite).
type Fields struct {
	base  unsafe.Pointer
	specs []fieldSpec
}

// FieldsOf returns d's fields.
func FieldsOf(d *Document) Fields { return Fields{unsafe.Pointer(d), documentSpecs} }

// Infos describes d's fields (the same as DocumentFields.Infos()).
func (r Fields) Infos() []record.Info { return infos(r.specs) }

// String returns string field i (record.String).
func (r Fields) String(i int) (string, bool) {
	f := &r.specs[i]
	p := f.at(r.base)
	switch f.code {
	case cOptString:
		if s := *(**string)(p); s != nil {
			return *s, true
		}
		return "", false
	case cString:
		s := *(*string)(p)
		return s, s != "" || !f.Nullable
	}
	panic("corpus: field " + f.Name + " is not a string")
}

// Number returns number field i (record.Number).
func (r Fields) Number(i int) (float64, bool) {
	if v := *(**float64)(r.at(i, cNumber)); v != nil && !math.IsInf(*v, 0) && !math.IsNaN(*v) {
		return *v, true
	}
	return 0, false
}

// Int returns integer field i (record.Integer).
func (r Fields) Int(i int) int64 { return int64(*(*int)(r.at(i, cInt))) }

// Bool returns boolean field i (record.Boolean).
func (r Fields) Bool(i int) (bool, bool) {
	if v := *(**bool)(r.at(i, cBool)); v != nil {
		return *v, true
	}
	return false, false
}

// Time returns time field i (record.Time).
func (r Fields) Time(i int) (time.Time, bool) {
	if t := *(**time.Time)(r.at(i, cTime)); t != nil {
		return *t, true
	}
	return time.Time{}, false
}

// Strings returns string-list field i (record.StringList); never null.
func (r Fields) Strings(i int) []string { return *(*[]string)(r.at(i, cStrings)) }

// Object returns object field i (record.Object); never null.
func (r Fields) Object(i int) Fields {
	f := &r.specs[i]
	if f.code != cProvider {
		panic("corpus: field " + f.Name + " is not an object")
	}
	return Fields{f.at(r.base), providerSpecs}
}

// Len returns the length of list-of-objects field i (record.ObjectList).
func (r Fields) Len(i int) int {
	f := &r.specs[i]
	switch f.code {
	case cImages:
		return len(*(*[]Image)(f.at(r.base)))
	case cRelated:
		return len(*(*[]Related)(f.at(r.base)))
	}
	panic("corpus: field " + f.Name + " is not a list of objects")
}

// Elem returns the j-th object of list-of-objects field i.
func (r Fields) Elem(i, j int) Fields {
	f := &r.specs[i]
	switch f.code {
	case cImages:
		return Fields{unsafe.Pointer(&(*(*[]Image)(f.at(r.base)))[j]), imageSpecs}
	case cRelated:
		return Fields{unsafe.Pointer(&(*(*[]Related)(f.at(r.base)))[j]), relatedSpecs}
	}
	panic("corpus: field " + f.Name + " is not a list of objects")
}

// AppendJSON appends field i as the JSON the encoders write for it, null
// included: for lists, objects and maps, the text a JSON column holds.
func (r Fields) AppendJSON(b []byte, i int) []byte {
	f := &r.specs[i]
	start := len(b)
	b = f.appendText(b, r.base)
	if len(b) == start {
		return append(b, "null"...) // appendText writes null as nothing
	}
	if f.code == cString || f.code == cOptString || f.code == cTime {
		return appendString(b[:start], string(b[start:]))
	}
	return b
}

func (r Fields) at(i int, code valueCode) unsafe.Pointer {
	f := &r.specs[i]
	if f.code != code {
		panic("corpus: field " + f.Name + " is not of the kind asked for")
	}
	return f.at(r.base)
}
