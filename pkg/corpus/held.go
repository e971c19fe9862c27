package corpus

import (
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/record"
)

// heldSpecs are the document fields HeldFields reports on: those read
// from front matter, and the body.
var heldSpecs = func() []*fieldSpec {
	var out []*fieldSpec
	for i := range documentSpecs {
		if s := &documentSpecs[i]; len(s.Keys) > 0 || s.Name == "body" {
			out = append(out, s)
		}
	}
	return out
}()

// HeldFieldInfos describes the fields HeldFields reports on, in its
// order: the document fields read from front matter, and the body.
var HeldFieldInfos = func() []record.Info {
	out := make([]record.Info, len(heldSpecs))
	for i, s := range heldSpecs {
		out[i] = s.Info
	}
	return out
}()

// HeldFields sets held[i] (held has len(HeldFieldInfos) elements) to
// whether d holds a value of field i of HeldFieldInfos: a text that is
// not empty, a number, date or boolean that is set, a list with an item,
// a provider with a name, domain or logo. It reads the struct directly:
// no value is copied or boxed.
func HeldFields(d *Document, held []bool) {
	base := unsafe.Pointer(d)
	for i, s := range heldSpecs {
		p := s.at(base)
		var ok bool
		switch s.code {
		case cString:
			ok = *(*string)(p) != ""
		case cOptString:
			ok = *(**string)(p) != nil
		case cTime:
			ok = *(**time.Time)(p) != nil
		case cNumber:
			ok = *(**float64)(p) != nil
		case cBool:
			ok = *(**bool)(p) != nil
		case cInt:
			ok = true
		case cStrings:
			ok = len(*(*[]string)(p)) > 0
		case cProvider:
			pr := (*Provider)(p)
			ok = pr.Name != "" || pr.Domain != "" || len(pr.Images) > 0
		case cImages:
			ok = len(*(*[]Image)(p)) > 0
		case cRelated:
			ok = len(*(*[]Related)(p)) > 0
		case cExtra:
			ok = len(*(*map[string]any)(p)) > 0
		}
		held[i] = ok
	}
}
