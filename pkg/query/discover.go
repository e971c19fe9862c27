package query

import (
	"cmp"
	"encoding/json"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// FieldStat says how a corpus fills one field or front-matter key: field
// discovery, so that a new corpus's shape shows at a glance. Its output is
// FieldStatFields'.
type FieldStat struct {
	// Name is the field's path in a document's JSON: a field of seedscope's
	// (title, provider.domain), or an extra key (extra.weight, one level
	// of a map below it: extra.params.author).
	Name string
	// Known is true for seedscope's fields, false for extra keys.
	Known bool
	// Types are the types seen, in TypeNames' order: a known field's own
	// type; for an extra key, each type its values have.
	Types []string
	// Documents hold the field; Missing do not.
	Documents, Missing int
}

// TypeNames are the types field discovery tells apart, in order.
var TypeNames = []string{"string", "number", "boolean", "time", "list", "map", "null"}

const (
	tString = 1 << iota
	tNumber
	tBoolean
	tTime
	tList
	tMap
	tNull
)

// MaxDiscoveredKeys is how many distinct extra keys discovery tracks:
// more (a corpus whose keys are data) are counted in OtherKeys only, so
// memory stays bounded.
const MaxDiscoveredKeys = 1000

// Discovery counts which fields and front-matter keys the documents
// hold, one document at a time, in memory that grows with the number of
// distinct keys only.
type Discovery struct {
	documents int
	held      []bool
	known     []int // documents holding each of corpus.HeldFieldInfos
	provider  [2]int
	extra     map[string]*keyStat
	// OtherKeys counts the key occurrences past MaxDiscoveredKeys distinct
	// keys.
	OtherKeys int
}

type keyStat struct {
	documents int
	types     uint8
}

// NewDiscovery returns an empty discovery.
func NewDiscovery() *Discovery {
	return &Discovery{held: make([]bool, len(corpus.HeldFieldInfos)), known: make([]int, len(corpus.HeldFieldInfos))}
}

// Add counts one document.
func (x *Discovery) Add(d *corpus.Document) {
	x.documents++
	corpus.HeldFields(d, x.held)
	for i, ok := range x.held {
		if ok {
			x.known[i]++
		}
	}
	if d.Provider.Name != "" {
		x.provider[0]++
	}
	if d.Provider.Domain != "" {
		x.provider[1]++
	}
	for k, v := range d.Extra {
		x.addKey("extra.", k, v, true)
	}
}

func (x *Discovery) addKey(prefix, k string, v any, nest bool) {
	if x.extra == nil {
		x.extra = map[string]*keyStat{}
	}
	name := prefix + k
	s := x.extra[name]
	if s == nil {
		if len(x.extra) >= MaxDiscoveredKeys {
			x.OtherKeys++
			return
		}
		s = &keyStat{}
		x.extra[strings.Clone(name)] = s
	}
	s.documents++
	s.types |= typeOf(v)
	if m, ok := v.(map[string]any); ok && nest {
		for k2, v2 := range m {
			x.addKey(name+".", k2, v2, false)
		}
	}
}

// typeOf is the type bit of a value as YAML decoded it.
func typeOf(v any) uint8 {
	switch v.(type) {
	case nil:
		return tNull
	case string:
		return tString
	case bool:
		return tBoolean
	case time.Time:
		return tTime
	case []any:
		return tList
	case map[string]any:
		return tMap
	case int, int64, uint64, float64, float32, int32, uint32, uint, json.Number:
		return tNumber
	}
	return tString
}

// kindType is a known field's type in TypeNames' terms.
func kindType(k record.Kind) uint8 {
	switch k {
	case record.Number, record.Integer:
		return tNumber
	case record.Boolean:
		return tBoolean
	case record.Time:
		return tTime
	case record.StringList, record.ObjectList:
		return tList
	case record.Object, record.Map:
		return tMap
	}
	return tString
}

func typeNames(t uint8) []string {
	out := make([]string, 0, bits.OnesCount8(t))
	for i, n := range TypeNames {
		if t&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// Fields returns the fields and keys at least one document holds: seedscope's
// fields in their table order (provider.name and provider.domain after
// provider), then the extra keys, most held first, then by name.
func (x *Discovery) Fields() []FieldStat {
	out := []FieldStat{}
	add := func(name string, known bool, types uint8, n int) {
		if n > 0 {
			out = append(out, FieldStat{Name: name, Known: known, Types: typeNames(types), Documents: n, Missing: x.documents - n})
		}
	}
	for i, info := range corpus.HeldFieldInfos {
		add(info.Name, true, kindType(info.Kind), x.known[i])
		if info.Name == "provider" {
			add("provider.name", true, tString, x.provider[0])
			add("provider.domain", true, tString, x.provider[1])
		}
	}
	keys := make([]string, 0, len(x.extra))
	for k := range x.extra {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(x.extra[b].documents, x.extra[a].documents), cmp.Compare(a, b))
	})
	for _, k := range keys {
		add(k, false, x.extra[k].types, x.extra[k].documents)
	}
	return out
}

// TypeText is a field's types as a table shows them: the type, or
// "mixed: string, number" for several.
func (f FieldStat) TypeText() string {
	if len(f.Types) == 1 {
		return f.Types[0]
	}
	return "mixed: " + strings.Join(f.Types, ", ")
}

// FieldStatFields describes a field of field discovery.
var FieldStatFields = record.Table[FieldStat]{
	{Info: record.Info{Name: "name", Kind: record.String, Doc: "the field's path in a document's JSON: a field (provider.domain) or an extra front-matter key (extra.weight, extra.params.author)"}, Value: func(f FieldStat) any { return f.Name }},
	{Info: record.Info{Name: "known", Kind: record.Boolean, Doc: "true for seedscope's fields, false for extra keys"}, Value: func(f FieldStat) any { return f.Known }},
	{Info: record.Info{Name: "types", Kind: record.StringList, Doc: "types seen: string, number, boolean, time, list, map, null (several: mixed)"}, Value: func(f FieldStat) any { return f.Types }},
	{Info: record.Info{Name: "documents", Kind: record.Integer, Doc: "documents holding it"}, Value: func(f FieldStat) any { return f.Documents }},
	{Info: record.Info{Name: "missing", Kind: record.Integer, Doc: "documents without it (a field: empty, null or absent; a key: absent)"}, Value: func(f FieldStat) any { return f.Missing }},
}
