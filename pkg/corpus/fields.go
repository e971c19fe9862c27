package corpus

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/record"
)

// The field table: every field of a document and of the records nested in
// it (provider, image, related item), written down once. For each field it
// gives the export name (the JSON key and CSV column), the front-matter
// keys that fill it (the first one given with a value wins), its kind and
// its place in the Go struct. Both front-matter decoders, compact, the
// JSON encoder, the CSV/table schemas (through DocumentFields) and
// validate's known keys are driven by it. A new front-matter field is a
// struct field in document.go and a line here.
//
// A field is reached by its offset in the struct, checked against its
// value code once at start-up (checkSpecs), so the decoders and the JSON
// encoder dispatch on a small code per field with no reflection and no
// indirect call per document.

// valueCode is the Go type of a field, which says how it is decoded,
// encoded and visited.
type valueCode uint8

const (
	cString    valueCode = iota // string (or a type of kind string); "" is null when Nullable
	cOptString                  // *string: null when nil, set only when not empty
	cTime                       // *time.Time
	cNumber                     // *float64
	cBool                       // *bool
	cInt                        // int
	cStrings                    // []string
	cProvider                   // Provider
	cImages                     // []Image
	cRelated                    // []Related
	cExtra                      // map[string]any
)

// fieldSpec is one field of a record read from front matter.
type fieldSpec struct {
	record.Info
	// Keys are the front-matter keys that fill the field; none for fields
	// seedscope computes (id, path, words, …).
	Keys []string
	off  uintptr
	code valueCode
	// shared marks strings that repeat across documents (topics,
	// provider names): compact shares one copy of them.
	shared bool
}

func spec(name string, kind record.Kind, nullable bool, code valueCode, off uintptr, doc string, keys ...string) fieldSpec {
	return fieldSpec{Info: record.Info{Name: name, Kind: kind, Doc: doc, Nullable: nullable}, Keys: keys, off: off, code: code}
}

// Zero records, for unsafe.Offsetof.
var (
	zImage    Image
	zProvider Provider
	zRelated  Related
	zDocument Document
)

// imageSpecs are the fields of an image.
var imageSpecs = finish[Image]([]fieldSpec{
	spec("url", record.String, true, cString, unsafe.Offsetof(zImage.URL), "address of the image", "url"),
	spec("width", record.Number, true, cNumber, unsafe.Offsetof(zImage.Width), "width in pixels", "width"),
	spec("height", record.Number, true, cNumber, unsafe.Offsetof(zImage.Height), "height in pixels", "height"),
	spec("title", record.String, true, cString, unsafe.Offsetof(zImage.Title), "caption or alt text", "title"),
})

// providerSpecs are the fields of a provider.
var providerSpecs = finish[Provider]([]fieldSpec{
	shared(spec("name", record.String, true, cString, unsafe.Offsetof(zProvider.Name), "publisher's name", "name")),
	shared(spec("domain", record.String, true, cString, unsafe.Offsetof(zProvider.Domain), "publisher's web domain", "domain")),
	shared(spec("images", record.ObjectList, false, cImages, unsafe.Offsetof(zProvider.Images), "publisher's logos", "images")),
})

// relatedSpecs are the fields of a related item. Other keys of a related
// item are dropped.
var relatedSpecs = finish[Related]([]fieldSpec{
	spec("title", record.String, true, cString, unsafe.Offsetof(zRelated.Title), "headline", "title"),
	spec("excerpt", record.String, true, cString, unsafe.Offsetof(zRelated.Excerpt), "summary", "excerpt"),
	spec("url", record.String, true, cString, unsafe.Offsetof(zRelated.URL), "address of the article", "webUrl", "sourceUrl"),
	spec("ampUrl", record.String, true, cString, unsafe.Offsetof(zRelated.AmpURL), "address of its AMP page", "ampWebUrl", "ampUrl"),
	spec("cdnAmpUrl", record.String, true, cString, unsafe.Offsetof(zRelated.CdnAmpURL), "address of its AMP page on a CDN", "cdnAmpWebUrl", "cdnAmpUrl"),
	spec("publishedAt", record.Time, true, cTime, unsafe.Offsetof(zRelated.PublishedAt), "publication date and time", "publishedDateTime"),
	shared(spec("type", record.String, true, cString, unsafe.Offsetof(zRelated.Type), "kind of article", "type")),
	spec("quality", record.Number, true, cNumber, unsafe.Offsetof(zRelated.Quality), "quality score", "quality"),
	spec("provider", record.Object, false, cProvider, unsafe.Offsetof(zRelated.Provider), "publisher", "provider"),
	spec("images", record.ObjectList, false, cImages, unsafe.Offsetof(zRelated.Images), "pictures", "images"),
	spec("target", record.String, true, cString, unsafe.Offsetof(zRelated.Target), "id of the corpus document the URL leads to"),
})

// documentSpecs are the fields of a document, in JSON order. Front-matter
// keys that are none of theirs go to extra.
var documentSpecs = finish[Document]([]fieldSpec{
	spec("id", record.String, false, cString, unsafe.Offsetof(zDocument.ID), "path below the corpus folder, without extension"),
	spec("path", record.String, false, cString, unsafe.Offsetof(zDocument.Path), "file the document was read from"),
	spec("kind", record.String, false, cString, unsafe.Offsetof(zDocument.Kind), `"frontmatter" or "text"`),
	spec("title", record.String, true, cString, unsafe.Offsetof(zDocument.Title), "headline (for text files, the first line)", "title"),
	spec("excerpt", record.String, true, cString, unsafe.Offsetof(zDocument.Excerpt), "summary", "excerpt"),
	shared(spec("category", record.String, true, cString, unsafe.Offsetof(zDocument.Category), "section or category", "category")),
	shared(spec("type", record.String, true, cString, unsafe.Offsetof(zDocument.Type), "kind of article", "type")),
	spec("publishedAt", record.Time, true, cTime, unsafe.Offsetof(zDocument.PublishedAt), "publication date and time", "publishedDateTime"),
	spec("url", record.String, true, cString, unsafe.Offsetof(zDocument.URL), "address of the article", "webUrl", "sourceUrl"),
	spec("ampUrl", record.String, true, cString, unsafe.Offsetof(zDocument.AmpURL), "address of its AMP page", "ampWebUrl", "ampUrl"),
	spec("cdnAmpUrl", record.String, true, cString, unsafe.Offsetof(zDocument.CdnAmpURL), "address of its AMP page on a CDN", "cdnAmpWebUrl", "cdnAmpUrl"),
	spec("quality", record.Number, true, cNumber, unsafe.Offsetof(zDocument.Quality), "quality score", "quality"),
	spec("heat", record.Number, true, cNumber, unsafe.Offsetof(zDocument.Heat), "popularity score", "heat"),
	spec("published", record.Boolean, true, cBool, unsafe.Offsetof(zDocument.Published), "whether the article is published", "published"),
	spec("provider", record.Object, false, cProvider, unsafe.Offsetof(zDocument.Provider), "publisher", "provider"),
	shared(spec("topics", record.StringList, false, cStrings, unsafe.Offsetof(zDocument.Topics), "topics, in file order", "topics")),
	spec("images", record.ObjectList, false, cImages, unsafe.Offsetof(zDocument.Images), "pictures", "images"),
	spec("related", record.ObjectList, false, cRelated, unsafe.Offsetof(zDocument.Related), "related articles, in file order", "related"),
	spec("body", record.String, true, cString, unsafe.Offsetof(zDocument.Body), "text after the front matter, trimmed"),
	spec("words", record.Integer, false, cInt, unsafe.Offsetof(zDocument.Words), "words in the body, a plain-text body counted once cleaned (see docs/cleaning.md)"),
	spec("secured", record.String, true, cOptString, unsafe.Offsetof(zDocument.Secured), "paywall marker", "secured"),
	spec("extra", record.Map, false, cExtra, unsafe.Offsetof(zDocument.Extra), "front-matter keys seedscope does not know, as YAML decoded them"),
})

func shared(f fieldSpec) fieldSpec { f.shared = true; return f }

// subInfos gives composite fields the description of their records.
func subInfos(code valueCode) []record.Info {
	switch code {
	case cProvider:
		return infos(providerSpecs)
	case cImages:
		return infos(imageSpecs)
	case cRelated:
		return infos(relatedSpecs)
	}
	return nil
}

func infos(specs []fieldSpec) []record.Info {
	out := make([]record.Info, len(specs))
	for i := range specs {
		out[i] = specs[i].Info
		out[i].Sub = subInfos(specs[i].code)
	}
	return out
}

// finish checks the specs of record T against its struct.
func finish[T any](specs []fieldSpec) []fieldSpec {
	checkSpecs(reflect.TypeFor[T](), specs)
	return specs
}

// codeTypes are the Go types of the value codes.
var codeTypes = map[valueCode]reflect.Type{
	cOptString: reflect.TypeFor[*string](),
	cTime:      reflect.TypeFor[*time.Time](),
	cNumber:    reflect.TypeFor[*float64](),
	cBool:      reflect.TypeFor[*bool](),
	cInt:       reflect.TypeFor[int](),
	cStrings:   reflect.TypeFor[[]string](),
	cProvider:  reflect.TypeFor[Provider](),
	cImages:    reflect.TypeFor[[]Image](),
	cRelated:   reflect.TypeFor[[]Related](),
	cExtra:     reflect.TypeFor[map[string]any](),
}

// checkSpecs panics, at start-up, when a spec's offset is not a field of
// t of its code's type, when a name or key is used twice, or when a struct
// field has no spec: the table and the struct cannot drift apart.
func checkSpecs(t reflect.Type, specs []fieldSpec) {
	byOff := map[uintptr]reflect.StructField{}
	for i := range t.NumField() {
		byOff[t.Field(i).Offset] = t.Field(i)
	}
	names, keys, offs := map[string]bool{}, map[string]bool{}, map[uintptr]bool{}
	for _, s := range specs {
		sf, ok := byOff[s.off]
		want := codeTypes[s.code]
		switch {
		case !ok:
			panic(fmt.Sprintf("corpus: field %s.%s: no struct field at offset %d", t.Name(), s.Name, s.off))
		case s.code == cString && sf.Type.Kind() != reflect.String,
			s.code != cString && sf.Type != want:
			panic(fmt.Sprintf("corpus: field %s.%s: struct field %s is a %s, not what code %d needs", t.Name(), s.Name, sf.Name, sf.Type, s.code))
		case names[s.Name] || offs[s.off]:
			panic(fmt.Sprintf("corpus: field %s.%s described twice", t.Name(), s.Name))
		}
		names[s.Name], offs[s.off] = true, true
		for _, k := range s.Keys {
			if keys[k] {
				panic(fmt.Sprintf("corpus: front-matter key %q of %s fills two fields", k, t.Name()))
			}
			keys[k] = true
		}
	}
	exported := 0 // unexported fields are the loader's marks, not output
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			exported++
		}
	}
	if len(specs) != exported {
		panic(fmt.Sprintf("corpus: %s has %d fields, its table %d", t.Name(), exported, len(specs)))
	}
}

// at is the address of field f of the record at base.
func (f *fieldSpec) at(base unsafe.Pointer) unsafe.Pointer { return unsafe.Add(base, f.off) }

// keyIndex finds the spec of a front-matter key: an open-addressed table
// with a cheap hash, faster than a map for a few dozen short keys, built
// once per record type (and once per load with a mapping).
type keyIndex struct {
	slots []keySlot
	mask  uint32
}

type keySlot struct {
	key  string
	spec *fieldSpec
}

func keyHash(k string) uint32 {
	n := len(k)
	if n == 0 {
		return 0
	}
	return uint32(n)*0x9E3779B1 ^ uint32(k[0])*0x85EBCA6B ^ uint32(k[n-1])*0xC2B2AE35 ^ uint32(k[n/2])*0x27D4EB2F
}

func newKeyIndex(specs []fieldSpec, extra map[string]*fieldSpec) *keyIndex {
	n := len(extra)
	for i := range specs {
		n += len(specs[i].Keys)
	}
	size := 16
	for size < 4*n {
		size *= 2
	}
	x := &keyIndex{slots: make([]keySlot, size), mask: uint32(size - 1)}
	for i := range specs {
		for _, k := range specs[i].Keys {
			x.add(k, &specs[i])
		}
	}
	// In a fixed order, so the table is the same on every run.
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		x.add(k, extra[k])
	}
	return x
}

func (x *keyIndex) add(k string, s *fieldSpec) {
	for i := keyHash(k) & x.mask; ; i = (i + 1) & x.mask {
		if x.slots[i].spec == nil {
			x.slots[i] = keySlot{k, s}
			return
		}
	}
}

// find returns the spec of key k, or nil.
func (x *keyIndex) find(k string) *fieldSpec {
	for i := keyHash(k) & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.spec == nil {
			return nil
		}
		if s.key == k {
			return s.spec
		}
	}
}

var (
	imageKeys    = newKeyIndex(imageSpecs, nil)
	providerKeys = newKeyIndex(providerSpecs, nil)
	relatedKeys  = newKeyIndex(relatedSpecs, nil)
	documentKeys = newKeyIndex(documentSpecs, nil)
)

// FieldMap maps a corpus's own front-matter keys onto document fields,
// on top of the keys seedscope reads (see NewFieldMap). The nil *FieldMap
// is the default: seedscope's keys only.
type FieldMap struct {
	keys    *keyIndex
	mapping map[string][]string
}

// FieldMapError is a mapping that cannot be used: an unknown field, a
// field not read from front matter, or a key that fills two fields.
type FieldMapError struct{ Msg string }

func (e *FieldMapError) Error() string { return e.Msg }

// NewFieldMap makes the mapping {field: [key, …]} (field by export name,
// "publishedAt": ["date"]) an addition to the document's table: each key
// then fills its field as the field's own keys do. A key that already
// fills another field, or is given for two, is an error; so is a field
// that is not read from front matter (id, path, kind, body, words, extra)
// or does not exist. An empty mapping gives nil.
func NewFieldMap(mapping map[string][]string) (*FieldMap, error) {
	if len(mapping) == 0 {
		return nil, nil
	}
	fields := make([]string, 0, len(mapping))
	for f := range mapping {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	added := map[string]*fieldSpec{}
	for _, name := range fields {
		s := specByName(documentSpecs, name)
		switch {
		case s == nil:
			return nil, &FieldMapError{fmt.Sprintf("fields: unknown field %q; fields read from front matter are %s", name, strings.Join(MappableFields(), ", "))}
		case len(s.Keys) == 0:
			return nil, &FieldMapError{fmt.Sprintf("fields: %q is not read from front matter; fields read from front matter are %s", name, strings.Join(MappableFields(), ", "))}
		}
		for _, k := range mapping[name] {
			if k == "" {
				return nil, &FieldMapError{fmt.Sprintf("fields: %s: empty key", name)}
			}
			if other := documentKeys.find(k); other != nil {
				if other == s {
					continue // its own key already
				}
				return nil, &FieldMapError{fmt.Sprintf("fields: %s: key %q already fills field %q", name, k, other.Name)}
			}
			if other, dup := added[k]; dup {
				if other == s {
					continue
				}
				return nil, &FieldMapError{fmt.Sprintf("fields: key %q is mapped to both %q and %q", k, other.Name, name)}
			}
			added[k] = s
		}
	}
	m := &FieldMap{keys: newKeyIndex(documentSpecs, added), mapping: map[string][]string{}}
	for k, s := range added {
		m.mapping[s.Name] = append(m.mapping[s.Name], k)
	}
	for _, ks := range m.mapping {
		slices.Sort(ks)
	}
	return m, nil
}

// MappableFields are the document fields a FieldMap may add keys to.
func MappableFields() []string {
	var out []string
	for i := range documentSpecs {
		if len(documentSpecs[i].Keys) > 0 {
			out = append(out, documentSpecs[i].Name)
		}
	}
	return out
}

// Mapping returns the keys the map adds, by field.
func (m *FieldMap) Mapping() map[string][]string {
	if m == nil {
		return nil
	}
	return m.mapping
}

func (m *FieldMap) documentKeys() *keyIndex {
	if m == nil {
		return documentKeys
	}
	return m.keys
}

func specByName(specs []fieldSpec, name string) *fieldSpec {
	for i := range specs {
		if specs[i].Name == name {
			return &specs[i]
		}
	}
	return nil
}

// FrontMatterKeys returns, for a record read from front matter
// ("document", "related", "provider" or "image"), each front-matter key
// and the export name of the field it fills; for documents, with m's
// mapping. Validate's known-key sets come from it.
func (m *FieldMap) FrontMatterKeys(rec string) map[string]string {
	var x *keyIndex
	switch rec {
	case "document":
		x = m.documentKeys()
	case "related":
		x = relatedKeys
	case "provider":
		x = providerKeys
	case "image":
		x = imageKeys
	default:
		return nil
	}
	out := map[string]string{}
	for _, s := range x.slots {
		if s.spec != nil {
			out[s.key] = s.spec.Name
		}
	}
	return out
}

// DocumentFields describes a document's fields, in JSON order, for output
// (CSV columns, --json, schemas). Value gives the JSON value of
// AppendJSON's field: nested records as json.RawMessage.
var DocumentFields = guardBody(outputTable[*Document](documentSpecs))

// guardBody makes the body and words fields of t panic for a document
// loaded without its body (see Document.BodySkipped).
func guardBody(t record.Table[*Document]) record.Table[*Document] {
	for i := range t {
		if n := t[i].Name; n == "body" || n == "words" {
			value, appendText := t[i].Value, t[i].AppendText
			t[i].Value = func(d *Document) any {
				d.mustHaveBody()
				return value(d)
			}
			t[i].AppendText = func(b []byte, d *Document) []byte {
				d.mustHaveBody()
				return appendText(b, d)
			}
		}
	}
	return t
}

// RelatedFields, ProviderFields and ImageFields describe the nested records.
var (
	RelatedFields  = outputTable[*Related](relatedSpecs)
	ProviderFields = outputTable[*Provider](providerSpecs)
	ImageFields    = outputTable[*Image](imageSpecs)
)

// recordPtr is a pointer to one of the records with a field table.
type recordPtr interface {
	*Document | *Related | *Provider | *Image
}

func outputTable[P recordPtr](specs []fieldSpec) record.Table[P] {
	t := make(record.Table[P], len(specs))
	for i := range specs {
		s := &specs[i]
		info := s.Info
		info.Sub = subInfos(s.code)
		t[i] = record.Field[P]{Info: info,
			Value:      func(v P) any { return s.value(unsafe.Pointer(v)) },
			AppendText: func(b []byte, v P) []byte { return s.appendText(b, unsafe.Pointer(v)) },
		}
	}
	return t
}

// KeysOf returns the front-matter keys that fill field (by export name)
// of a record ("document", "related", "provider" or "image"): the
// table's, in order, then, for documents, the keys m maps onto it.
func (m *FieldMap) KeysOf(rec, field string) []string {
	var specs []fieldSpec
	switch rec {
	case "document":
		specs = documentSpecs
	case "related":
		specs = relatedSpecs
	case "provider":
		specs = providerSpecs
	case "image":
		specs = imageSpecs
	}
	s := specByName(specs, field)
	if s == nil {
		return nil
	}
	// validate asks for each required field of each document: no copy
	// unless the mapping adds keys (the capacity makes an append copy).
	mapped := m.Mapping()[field]
	if rec != "document" || len(mapped) == 0 {
		return slices.Clip(s.Keys)
	}
	return append(slices.Clip(s.Keys), mapped...)
}
