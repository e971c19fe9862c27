package corpus

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// FrontMatterLine is the file line on which front matter starts: line 1 is
// the opening fence. A node on yaml.v3's line n of the front matter is on
// line n+FrontMatterLine-1 of the file.
const FrontMatterLine = 2

// decodeYAML maps front matter onto doc with yaml.v3, the reference parser.
// Fields of the wrong type become warnings and stay empty; only YAML that
// does not parse, or is not a mapping, fails the file.
func decodeYAML(path string, fm []byte, doc *Document, keys *keyIndex) (warnings []Diagnostic, err error) {
	return decodeYAMLTree(path, fm, doc, keys, nil)
}

// decodeYAMLTree is decodeYAML that, when t is not nil, records there the
// tree yaml.v3 made of the front matter, or its error.
func decodeYAMLTree(path string, fm []byte, doc *Document, keys *keyIndex, t *parsedTree) (warnings []Diagnostic, err error) {
	// Every call into yaml.v3 is fenced (see yamlnode.Fenced); this catches
	// anything else, so that one file can never stop the load.
	defer func() {
		if r := recover(); r != nil {
			warnings, err = nil, errorAt(Pos{File: path, Line: FrontMatterLine}, "invalid YAML: %v", &yamlnode.PanicError{Value: r})
		}
	}()
	root, err := yamlnode.Parse(fm)
	if t != nil {
		t.root, t.err, t.parsed = root, err, true
	}
	if err != nil {
		return nil, yamlError(path, err)
	}
	d := &nodeDecoder{path: path, aliasBudget: MaxAliasExpansion}
	if len(root.Content) == 0 {
		return nil, nil // empty front matter: a document with no fields
	}
	m := yamlnode.Resolve(root.Content[0])
	switch {
	case m.Kind == yaml.ScalarNode && m.Tag == "!!null":
		return nil, nil
	case m.Kind != yaml.MappingNode:
		return nil, errorAt(d.pos(m), "front matter is a %s, not a mapping of fields", yamlnode.KindName(m))
	}
	d.document(m, doc, keys)
	if d.err != nil {
		return nil, d.err
	}
	return d.warnings, nil
}

// yamlLine finds the line number in yaml.v3's error text, the only place
// it gives one for syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func yamlError(path string, err error) *Diagnostic {
	var ne *yamlnode.NodesError
	if errors.As(err, &ne) {
		return errorAt(Pos{File: path, Line: FrontMatterLine}, "%v; not loaded", err)
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return errorAt(Pos{File: path, Line: n + FrontMatterLine - 1}, "invalid YAML: %s", msg[len(m[0]):])
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return errorAt(Pos{File: path, Line: FrontMatterLine}, "invalid YAML: %s", strings.Join(te.Errors, "; "))
	}
	return errorAt(Pos{File: path, Line: FrontMatterLine}, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

type nodeDecoder struct {
	path     string
	warnings []Diagnostic
	// aliasBudget is what is left of MaxAliasExpansion; err is set, and
	// decoding stops, once it is spent.
	aliasBudget int
	err         *Diagnostic
}

// MaxAliasExpansion bounds the YAML nodes one front matter may reach
// through aliases (*name), counted each time an alias is followed. Aliases
// let a few bytes stand for exponentially many nodes (the "billion laughs"
// attack); a file that goes past the budget is an error, not a document.
const MaxAliasExpansion = 100_000

// MaxFrontMatterNodes bounds the YAML nodes (keys, values, list items and
// collections) of one front matter. The fast decoder counts as it goes;
// yaml.v3's tree is counted once built, and front matter large enough to
// build a big tree is parsed one at a time (yamlnode.Parse), so what the
// files being read make yaml.v3 build stays bounded. Real front matter
// holds at most a few thousand nodes. A file over it is an error, not a
// document.
const MaxFrontMatterNodes = yamlnode.MaxNodes

// MaxListItems bounds the items of each list seedscope keeps in a document
// (topics, images, related items, a provider's images), so what one
// document keeps in memory is bounded; real lists hold at most a few
// dozen. Past it, the first MaxListItems items are kept, with a warning.
const MaxListItems = 10_000

// MaxNestingDepth is how deeply YAML collections may nest in front matter.
// yaml.v3's scanner enforces it; deeper input is an "invalid YAML: exceeded
// max depth" error.
const MaxNestingDepth = 10000

// deref follows an alias, charging the nodes it stands for to the budget.
// It returns nil, with d.err set, when the budget is spent.
func (d *nodeDecoder) deref(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.AliasNode {
		return n
	}
	if !d.charge(n) {
		return nil
	}
	return yamlnode.Resolve(n)
}

// charge counts the nodes reached through aliases in n, recursively, and
// reports whether the budget covers them. The walk stops as soon as the
// budget is spent, so it is cheap however large the expansion (even an
// alias to its own anchor, which makes a loop).
func (d *nodeDecoder) charge(n *yaml.Node) bool {
	if d.err != nil {
		return false
	}
	var walk func(n *yaml.Node, viaAlias bool)
	walk = func(n *yaml.Node, viaAlias bool) {
		if d.aliasBudget < 0 {
			return
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias != nil {
				walk(n.Alias, true)
			}
			return
		}
		if viaAlias {
			d.aliasBudget--
		}
		for _, c := range n.Content {
			walk(c, viaAlias)
		}
	}
	walk(n, false)
	if d.aliasBudget < 0 {
		d.err = errorAt(d.pos(n), "YAML aliases expand to more than %d nodes (alias bomb?); not loaded", MaxAliasExpansion)
		return false
	}
	return true
}

func (d *nodeDecoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.path, Line: n.Line + FrontMatterLine - 1, Col: n.Column}
}

func (d *nodeDecoder) warn(n *yaml.Node, format string, args ...any) {
	d.warnings = append(d.warnings, warningAt(d.pos(n), format, args...))
}

// fields walks a mapping's key/value pairs, warning on duplicate keys
// (the first value wins).
func (d *nodeDecoder) fields(m *yaml.Node, fn func(key string, k, v *yaml.Node)) {
	seen := make(map[string]bool, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content) && d.err == nil; i += 2 {
		k, v := m.Content[i], d.deref(m.Content[i+1])
		if v == nil {
			return
		}
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			d.warn(k, "mapping key is a %s; field ignored", yamlnode.KindName(k))
			continue
		}
		if seen[key] {
			d.warn(k, "duplicate key %q; the first value is kept", key)
			continue
		}
		seen[key] = true
		fn(key, k, v)
	}
}

func (d *nodeDecoder) document(m *yaml.Node, doc *Document, keys *keyIndex) {
	base := unsafe.Pointer(doc)
	d.fields(m, func(key string, k, v *yaml.Node) {
		if f := keys.find(key); f != nil {
			d.set(f, base, key, v)
			return
		}
		if !d.charge(v) { // decoding expands every alias inside v
			return
		}
		val, err := nodeValue(v)
		if err != nil {
			d.warn(v, "%s: %v; field ignored", key, err)
			return
		}
		if doc.Extra == nil {
			doc.Extra = map[string]any{}
		}
		doc.Extra[key] = jsonSafe(val)
	})
}

// set decodes v into field f of the record at base; name labels warnings
// ("title", "related.title"). When several keys fill the field, the
// first one given with a value wins.
func (d *nodeDecoder) set(f *fieldSpec, base unsafe.Pointer, name string, v *yaml.Node) {
	p := f.at(base)
	switch f.code {
	case cString:
		setFirst((*string)(p), d.str(name, v))
	case cOptString:
		if s := d.str(name, v); s != "" && *(**string)(p) == nil {
			*(**string)(p) = &s
		}
	case cTime:
		setFirstPtr((**time.Time)(p), d.time(name, v))
	case cNumber:
		setFirstPtr((**float64)(p), d.number(name, v))
	case cBool:
		setFirstPtr((**bool)(p), d.bool(name, v))
	case cStrings:
		setFirstList((*[]string)(p), d.strings(name, v))
	case cProvider:
		if pr := d.provider(name, v); (*Provider)(p).empty() {
			*(*Provider)(p) = pr
		}
	case cImages:
		setFirstList((*[]Image)(p), d.images(name, v))
	case cRelated:
		setFirstList((*[]Related)(p), d.related(name, v))
	}
}

// empty reports whether the provider has nothing set.
func (p *Provider) empty() bool {
	return p.Name == "" && p.Domain == "" && len(p.Images) == 0
}

// record decodes mapping m into the record at base, by keys; other keys
// are dropped.
func (d *nodeDecoder) record(m *yaml.Node, base unsafe.Pointer, keys *keyIndex, prefix string) {
	d.fields(m, func(k string, _, v *yaml.Node) {
		if f := keys.find(k); f != nil {
			d.set(f, base, prefix+"."+k, v)
		}
	})
}

func setFirst(dst *string, s string) {
	if *dst == "" {
		*dst = s
	}
}

// setFirstPtr is setFirst for an optional value: v is kept unless *dst
// is set.
func setFirstPtr[T any](dst **T, v *T) {
	if *dst == nil {
		*dst = v
	}
}

// setFirstList is setFirst for a list: l is kept unless *dst has items.
func setFirstList[T any](dst *[]T, l []T) {
	if len(*dst) == 0 {
		*dst = l
	}
}

func (d *nodeDecoder) str(key string, v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		d.warn(v, "%s: expected a string, found a %s", key, yamlnode.KindName(v))
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

func (d *nodeDecoder) number(key string, v *yaml.Node) *float64 {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		d.warn(v, "%s: expected a number, found %s", key, yamlnode.Describe(v))
		return nil
	}
	var f float64
	if err := yamlnode.DecodeScalar(v, &f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		d.warn(v, "%s: %q is not a finite number", key, v.Value)
		return nil
	}
	return &f
}

func (d *nodeDecoder) bool(key string, v *yaml.Node) *bool {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		d.warn(v, "%s: expected true or false, found %s", key, yamlnode.Describe(v))
		return nil
	}
	var b bool
	if err := yamlnode.DecodeScalar(v, &b); err != nil {
		d.warn(v, "%s: %q is not a boolean", key, v.Value)
		return nil
	}
	return &b
}

func (d *nodeDecoder) time(key string, v *yaml.Node) *time.Time {
	s := d.str(key, v)
	if s == "" {
		return nil
	}
	t, err := ParseTime(s)
	if errors.Is(err, ErrZoneOffset) {
		d.warn(v, "%s: %q is not a date and time: %v", key, s, ErrZoneOffset)
		return nil
	}
	if err != nil {
		d.warn(v, "%s: %q is not a date and time", key, s)
		return nil
	}
	return &t
}

// strings reads a list of strings; a lone string counts as a list of one.
func (d *nodeDecoder) strings(key string, v *yaml.Node) []string {
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return nil
	case v.Kind == yaml.ScalarNode:
		d.warn(v, "%s: expected a list, found a single value; read as a list of one", key)
		return []string{v.Value}
	case v.Kind != yaml.SequenceNode:
		d.warn(v, "%s: expected a list of strings, found a %s", key, yamlnode.KindName(v))
		return nil
	}
	items := d.capped(key, v)
	out := make([]string, 0, len(items))
	for _, item := range items {
		if item = d.deref(item); item == nil {
			return out
		}
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			d.warn(item, "%s: list item is %s, not a string; skipped", key, yamlnode.Describe(item))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// capped returns the items of list v, the first MaxListItems of them
// with a warning when it has more.
func (d *nodeDecoder) capped(key string, v *yaml.Node) []*yaml.Node {
	if len(v.Content) <= MaxListItems {
		return v.Content
	}
	d.warn(v, "%s: list of %d items, over the %d limit; only the first %d are kept", key, len(v.Content), MaxListItems, MaxListItems)
	return v.Content[:MaxListItems]
}

// each calls fn for every mapping in a list, warning about anything else.
func (d *nodeDecoder) each(key string, v *yaml.Node, fn func(*yaml.Node)) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.warn(v, "%s: expected a list, found %s", key, yamlnode.Describe(v))
		return
	}
	for _, item := range d.capped(key, v) {
		if item = d.deref(item); item == nil {
			return
		}
		if item.Kind != yaml.MappingNode {
			d.warn(item, "%s: list item is %s, not a mapping; skipped", key, yamlnode.Describe(item))
			continue
		}
		fn(item)
	}
}

func (d *nodeDecoder) images(key string, v *yaml.Node) []Image {
	var out []Image
	d.each(key, v, func(m *yaml.Node) {
		var im Image
		d.record(m, unsafe.Pointer(&im), imageKeys, key)
		out = append(out, im)
	})
	return out
}

func (d *nodeDecoder) provider(key string, v *yaml.Node) Provider {
	var p Provider
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return p
	case v.Kind == yaml.ScalarNode:
		d.warn(v, "%s: expected a mapping with name and domain, found a single value; read as the name", key)
		p.Name = v.Value
		return p
	case v.Kind != yaml.MappingNode:
		d.warn(v, "%s: expected a mapping, found a %s", key, yamlnode.KindName(v))
		return p
	}
	d.record(v, unsafe.Pointer(&p), providerKeys, key)
	return p
}

func (d *nodeDecoder) related(key string, v *yaml.Node) []Related {
	var out []Related
	d.each(key, v, func(m *yaml.Node) {
		var r Related
		d.record(m, unsafe.Pointer(&r), relatedKeys, key) // other keys of related items are dropped
		out = append(out, r)
	})
	return out
}

// timeLayouts are the date forms accepted for publishedDateTime, RFC 3339
// first; the others are common in scraped data.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02",
}

// ParseTime reads a date and time in RFC 3339 or one of a few common
// relatives of it (a bare date, a space for the T, no zone: read as UTC).
// A zone offset outside ±23:59, or with 60 minutes or more, is refused:
// Go reads "+24:00" and "+05:60", but no valid RFC 3339 time can be
// written for them.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return checkOffset(t, s)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time", s)
}

// ParseRFC3339 reads a date and time in RFC 3339 only, with the zone
// offset checks of ParseTime.
func ParseRFC3339(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	return checkOffset(t, s)
}

// ErrZoneOffset is the reason a time whose zone offset is out of range is
// refused (wrapped in the error of ParseTime and ParseRFC3339).
var ErrZoneOffset = errors.New("the time zone offset is outside ±23:59")

func checkOffset(t time.Time, s string) (time.Time, error) {
	if !offsetInRange(t, s) {
		return time.Time{}, fmt.Errorf("%q is not a date and time: %w", s, ErrZoneOffset)
	}
	return t, nil
}

// offsetInRange reports whether t, parsed from s, has a zone offset
// within ±23:59 and, as written at the end of s, minutes under 60.
func offsetInRange(t time.Time, s string) bool {
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return false
	}
	s = strings.TrimSpace(s)
	// The offset ends the text: ±hh:mm, ±hhmm (minutes are its last two
	// digits either way).
	if i := strings.LastIndexAny(s, "+-"); i >= 0 && len(s)-i <= 6 {
		z := strings.ReplaceAll(s[i+1:], ":", "")
		if len(z) == 4 && z[2:] >= "60" {
			return false
		}
	}
	return true
}

// jsonSafe makes a YAML-decoded value encodable as JSON: mappings with
// non-string keys get their keys printed, and infinities and NaN (which
// JSON has no word for) become their YAML spelling.
func jsonSafe(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonSafe(e)
		}
		return x
	case map[any]any:
		// Keys are visited in a fixed order, so when two print the same
		// (1 and 1.0) the same one wins on every run.
		type pair struct {
			name, typ string
			v         any
		}
		pairs := make([]pair, 0, len(x))
		for k, e := range x {
			pairs = append(pairs, pair{fmt.Sprint(k), fmt.Sprintf("%T", k), e})
		}
		sort.Slice(pairs, func(i, j int) bool {
			if pairs[i].name != pairs[j].name {
				return pairs[i].name < pairs[j].name
			}
			if pairs[i].typ != pairs[j].typ {
				return pairs[i].typ < pairs[j].typ
			}
			return fmt.Sprint(pairs[i].v) < fmt.Sprint(pairs[j].v) // two NaN keys
		})
		m := make(map[string]any, len(x))
		for _, p := range pairs {
			if _, dup := m[p.name]; !dup {
				m[p.name] = jsonSafe(p.v)
			}
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonSafe(e)
		}
		return x
	case float64:
		switch {
		case math.IsNaN(x):
			return ".nan"
		case math.IsInf(x, 1):
			return ".inf"
		case math.IsInf(x, -1):
			return "-.inf"
		}
	}
	return v
}
