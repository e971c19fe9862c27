package corpus

import (
	"cmp"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
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
	if err := d.checkFinite(); err != nil {
		return nil, err
	}
	return d.appendJSON(nil)
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
func (d *Document) AppendJSON(buf []byte) []byte {
	if d == nil {
		return append(buf, "null"...) // as json.Marshal writes a nil *Document
	}
	b, err := d.appendJSON(buf)
	if err != nil {
		return append(b, "null}"...)
	}
	return b
}

// appendJSON is AppendJSON; on an Extra encoding/json refuses it stops
// after `"extra":` and returns the error.
func (d *Document) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"path":`...)
	b = appendString(b, d.Path)
	b = append(b, `,"kind":`...)
	b = appendString(b, string(d.Kind))
	b = append(b, `,"title":`...)
	b = appendOptString(b, d.Title)
	b = append(b, `,"excerpt":`...)
	b = appendOptString(b, d.Excerpt)
	b = append(b, `,"category":`...)
	b = appendOptString(b, d.Category)
	b = append(b, `,"type":`...)
	b = appendOptString(b, d.Type)
	b = append(b, `,"publishedAt":`...)
	b = appendTime(b, d.PublishedAt)
	b = append(b, `,"url":`...)
	b = appendOptString(b, d.URL)
	b = append(b, `,"ampUrl":`...)
	b = appendOptString(b, d.AmpURL)
	b = append(b, `,"cdnAmpUrl":`...)
	b = appendOptString(b, d.CdnAmpURL)
	b = append(b, `,"quality":`...)
	b = appendOptFloat(b, d.Quality)
	b = append(b, `,"heat":`...)
	b = appendOptFloat(b, d.Heat)
	b = append(b, `,"published":`...)
	switch {
	case d.Published == nil:
		b = append(b, "null"...)
	case *d.Published:
		b = append(b, "true"...)
	default:
		b = append(b, "false"...)
	}
	b = append(b, `,"provider":`...)
	b = appendProvider(b, &d.Provider)
	b = append(b, `,"topics":[`...)
	for i, t := range d.Topics {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
	}
	b = append(b, `],"images":`...)
	b = appendImages(b, d.Images)
	b = append(b, `,"related":[`...)
	for i := range d.Related {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRelated(b, &d.Related[i])
	}
	b = append(b, `],"body":`...)
	b = appendOptString(b, d.Body)
	b = append(b, `,"words":`...)
	b = strconv.AppendInt(b, int64(d.Words), 10)
	b = append(b, `,"secured":`...)
	if d.Secured == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, *d.Secured)
	}
	b = append(b, `,"extra":`...)
	if len(d.Extra) == 0 {
		return append(b, "{}}"...), nil
	}
	extra, err := json.Marshal(d.Extra)
	if err != nil {
		return b, err
	}
	b = append(b, extra...)
	return append(b, '}'), nil
}

func appendProvider(b []byte, p *Provider) []byte {
	b = append(b, `{"name":`...)
	b = appendOptString(b, p.Name)
	b = append(b, `,"domain":`...)
	b = appendOptString(b, p.Domain)
	b = append(b, `,"images":`...)
	b = appendImages(b, p.Images)
	return append(b, '}')
}

func appendImages(b []byte, imgs []Image) []byte {
	b = append(b, '[')
	for i := range imgs {
		im := &imgs[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"url":`...)
		b = appendOptString(b, im.URL)
		b = append(b, `,"width":`...)
		b = appendOptFloat(b, im.Width)
		b = append(b, `,"height":`...)
		b = appendOptFloat(b, im.Height)
		b = append(b, `,"title":`...)
		b = appendOptString(b, im.Title)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendRelated(b []byte, r *Related) []byte {
	b = append(b, `{"title":`...)
	b = appendOptString(b, r.Title)
	b = append(b, `,"excerpt":`...)
	b = appendOptString(b, r.Excerpt)
	b = append(b, `,"url":`...)
	b = appendOptString(b, r.URL)
	b = append(b, `,"ampUrl":`...)
	b = appendOptString(b, r.AmpURL)
	b = append(b, `,"cdnAmpUrl":`...)
	b = appendOptString(b, r.CdnAmpURL)
	b = append(b, `,"publishedAt":`...)
	b = appendTime(b, r.PublishedAt)
	b = append(b, `,"type":`...)
	b = appendOptString(b, r.Type)
	b = append(b, `,"quality":`...)
	b = appendOptFloat(b, r.Quality)
	b = append(b, `,"provider":`...)
	b = appendProvider(b, &r.Provider)
	b = append(b, `,"images":`...)
	b = appendImages(b, r.Images)
	b = append(b, `,"target":`...)
	b = appendOptString(b, r.Target)
	return append(b, '}')
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

// jsonSafeASCII marks the ASCII bytes encoding/json copies unescaped with
// HTML escaping on: printable, and none of " \ < > &.
var jsonSafeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	t[0x7f] = true
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string exactly as encoding/json does by
// default: ", \ and the short escapes \b \f \n \r \t; other control
// characters, <, > and & as \u00XX; U+2028 and U+2029 escaped; each byte
// of invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafeASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
