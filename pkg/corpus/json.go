package corpus

import (
	"cmp"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/jsonstr"
)

// The JSON shape of a document, written down once here and in AppendJSON:
//
//	{"id","path","kind","title","excerpt","category","type","publishedAt",
//	 "url","ampUrl","cdnAmpUrl","quality","heat","published",
//	 "provider":{"name","domain","images"},"topics","images","related",
//	 "body","words","secured","extra"}
//
// an image is {"url","width","height","title"}, a related item is
// {"title","excerpt","url","ampUrl","cdnAmpUrl","publishedAt","type",
// "quality","provider","images","target"}. No field is ever omitted: an
// empty string or a missing value is null, a missing list is [], missing
// extra keys are {}. Strings, numbers and Extra are written exactly as
// encoding/json writes them (HTML-safe escaping, ES6 number formatting), so
// the output is the same bytes json.Marshal gave for the former wire
// structs; the tests keep those structs as the reference.

// MarshalJSON writes the document in its documented, stable shape.
// A number JSON cannot hold (an infinity or NaN, which Parse never
// produces) is an error, as encoding/json makes it.
func (d *Document) MarshalJSON() ([]byte, error) {
	d.mustHaveBody()
	if err := d.checkFinite(); err != nil {
		return nil, err
	}
	b, err := appendDocumentJSON(nil, d)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// checkFinite returns encoding/json's error for the first infinite or NaN
// number of the document.
func (d *Document) checkFinite() error {
	check := func(p *float64) error {
		if p != nil && (math.IsInf(*p, 0) || math.IsNaN(*p)) {
			return &json.UnsupportedValueError{Value: reflect.ValueOf(*p), Str: strconv.FormatFloat(*p, 'g', -1, 64)}
		}
		return nil
	}
	images := func(imgs []Image) error {
		for i := range imgs {
			if err := cmp.Or(check(imgs[i].Width), check(imgs[i].Height)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := cmp.Or(check(d.Quality), check(d.Heat), images(d.Provider.Images), images(d.Images)); err != nil {
		return err
	}
	for i := range d.Related {
		r := &d.Related[i]
		if err := cmp.Or(check(r.Quality), images(r.Provider.Images), images(r.Images)); err != nil {
			return err
		}
	}
	return nil
}

// AppendJSON appends the document's compact JSON (the shape MarshalJSON
// writes, byte for byte) to buf and returns the extended buffer. It is
// MarshalJSON without encoding/json's reflection and without a fresh
// buffer per document.
//
// Extra values JSON cannot hold never come out of Parse (see jsonSafe); in
// a document built by hand, an Extra that encoding/json refuses is written
// as null, where MarshalJSON returns the error.
//
// The fields and their order come from the field table (fields.go).
func (d *Document) AppendJSON(buf []byte) []byte {
	if d == nil {
		return append(buf, "null"...) // as json.Marshal writes a nil *Document
	}
	d.mustHaveBody()
	b, _ := appendDocumentJSON(buf, d)
	return b
}

// value returns field f of the record at base as a JSON-ready value (see
// record.Field.Value): what the generated encoders (json_gen.go) write for it.
func (f *fieldSpec) value(base unsafe.Pointer) any {
	p := f.at(base)
	switch f.code {
	case cString:
		s := *(*string)(p)
		if s == "" && f.Nullable {
			return nil
		}
		return s
	case cOptString:
		if s := *(**string)(p); s != nil {
			return *s
		}
	case cTime:
		if t := *(**time.Time)(p); t != nil {
			return t.Format(time.RFC3339)
		}
	case cNumber:
		if v := *(**float64)(p); v != nil && !math.IsInf(*v, 0) && !math.IsNaN(*v) {
			return *v
		}
	case cBool:
		if v := *(**bool)(p); v != nil {
			return *v
		}
	case cInt:
		return *(*int)(p)
	case cStrings:
		if s := *(*[]string)(p); s != nil {
			return s
		}
		return []string{}
	case cExtra:
		if m := *(*map[string]any)(p); m != nil {
			return m
		}
		return map[string]any{}
	case cProvider:
		b, _ := appendProviderJSON(nil, (*Provider)(p))
		return json.RawMessage(b)
	case cImages:
		return json.RawMessage(appendImageList(nil, *(*[]Image)(p)))
	case cRelated:
		return json.RawMessage(appendRelatedList(nil, *(*[]Related)(p)))
	}
	return nil
}

// appendText appends field f of the record at base as a CSV cell: a
// string as it is, null as nothing, anything else as the JSON the
// encoders write for it (render.CellText of value, without boxing it).
func (f *fieldSpec) appendText(b []byte, base unsafe.Pointer) []byte {
	p := f.at(base)
	start := len(b)
	switch f.code {
	case cString:
		return append(b, *(*string)(p)...)
	case cOptString:
		if s := *(**string)(p); s != nil {
			return append(b, *s...)
		}
		return b
	case cTime:
		if t := *(**time.Time)(p); t != nil {
			return t.AppendFormat(b, time.RFC3339)
		}
		return b
	case cNumber:
		b = appendOptFloat(b, *(**float64)(p))
	case cBool:
		b = appendOptBool(b, *(**bool)(p))
	case cInt:
		return strconv.AppendInt(b, int64(*(*int)(p)), 10)
	case cStrings:
		return appendStrings(b, *(*[]string)(p))
	case cProvider:
		b, _ = appendProviderJSON(b, (*Provider)(p))
		return b
	case cImages:
		return appendImageList(b, *(*[]Image)(p))
	case cRelated:
		return appendRelatedList(b, *(*[]Related)(p))
	case cExtra:
		var err error
		if b, err = appendExtra(b, *(*map[string]any)(p)); err != nil {
			return b[:start] // as value's: a map encoding/json refuses has no cell
		}
		return b
	}
	if string(b[start:]) == "null" {
		return b[:start]
	}
	return b
}

func appendImageList(b []byte, imgs []Image) []byte {
	b = append(b, '[')
	for i := range imgs {
		if i > 0 {
			b = append(b, ',')
		}
		b, _ = appendImageJSON(b, &imgs[i])
	}
	return append(b, ']')
}

func appendRelatedList(b []byte, rs []Related) []byte {
	b = append(b, '[')
	for i := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b, _ = appendRelatedJSON(b, &rs[i])
	}
	return append(b, ']')
}

func appendOptBool(b []byte, v *bool) []byte {
	switch {
	case v == nil:
		return append(b, "null"...)
	case *v:
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendExtra writes the extra fields, {} when there are none; fields
// encoding/json refuses are written as null and its error returned.
func appendExtra(b []byte, m map[string]any) ([]byte, error) {
	if len(m) == 0 {
		return append(b, "{}"...), nil
	}
	extra, err := json.Marshal(m)
	if err != nil {
		return append(b, "null"...), err
	}
	return append(b, extra...), nil
}

// appendOptString writes null for the empty string.
func appendOptString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendTime writes a time in RFC 3339 to the second, or null.
func appendTime(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, "null"...)
	}
	// RFC 3339 output is digits, '-', ':', 'T', 'Z' and '+': nothing to
	// escape.
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

// appendOptFloat writes a number as encoding/json writes a float64 (the
// ES6 number-to-string rules), or null. Infinities and NaN, which JSON
// cannot hold and Parse never produces, are written as null.
func appendOptFloat(b []byte, p *float64) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	f := *p
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as in encoding/json.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString writes s as a JSON string exactly as encoding/json does by
// default (HTML escaping on).
func appendString(b []byte, s string) []byte { return jsonstr.Append(b, s, true) }
