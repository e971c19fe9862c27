package validate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// fmLine is the file line on which front matter starts (line 1 is the
// opening fence): a node on YAML line n is on file line n+fmLine-1.
const fmLine = corpus.FrontMatterLine

// URL field families: the seed format spells its URLs one of two ways.
var (
	webFamily    = map[string]bool{"webUrl": true, "ampWebUrl": true, "cdnAmpWebUrl": true}
	sourceFamily = map[string]bool{"sourceUrl": true, "ampUrl": true, "cdnAmpUrl": true}
)

// The known keys of each record, and the field each fills, come from the
// loader's field table; a document's, with the configuration's mapping
// (Settings.documentKeys).
var (
	providerKeys = (*corpus.FieldMap)(nil).FrontMatterKeys("provider")
	imageKeys    = (*corpus.FieldMap)(nil).FrontMatterKeys("image")
	relatedKeys  = (*corpus.FieldMap)(nil).FrontMatterKeys("related")
)

// fmChecker walks one front-matter tree.
type fmChecker struct {
	*fileChecker
	// visited holds collections already checked, so an alias to one is
	// not checked (and reported) again, and alias fan-out cannot explode.
	visited map[*yaml.Node]bool
	// firstWeb and firstSource are the first keys of each URL family.
	firstWeb, firstSource *yaml.Node
	ownKeys               map[string]bool
	relatedURLs           [][]*yaml.Node // per related item
	lines                 *yamlLines
	keys                  urlKeys
}

// field is one key/value pair of a mapping, alias resolved.
type field struct{ k, v *yaml.Node }

// pos is a node's place in the file.
func (c *fmChecker) pos(n *yaml.Node) (int, int) { return c.lines.pos(n.Line, n.Column) }

// yamlLines maps yaml.v3's lines and columns in the front matter onto the
// file's. yaml.v3 also ends a line at a lone CR, NEL (U+0085), LS (U+2028)
// and PS (U+2029), which do not end a line of the file: after one, its
// line numbers run ahead of the file's (even past its end) and its
// columns count from the wrong place. nil when there is none of them.
type yamlLines struct {
	// line and colOff, per yaml.v3 line (from 1), are the file line it
	// starts on and the characters before it on that line.
	line, colOff []int
}

func newYAMLLines(fm []byte) *yamlLines {
	if bytes.IndexByte(fm, '\r') < 0 && !bytes.Contains(fm, []byte("\u0085")) &&
		!bytes.Contains(fm, []byte("\u2028")) && !bytes.Contains(fm, []byte("\u2029")) {
		return nil
	}
	m := &yamlLines{line: []int{0, fmLine}, colOff: []int{0, 0}}
	fileLine, col := fmLine, 0
	for i := 0; i < len(fm); {
		r, size := utf8.DecodeRune(fm[i:])
		i += size
		switch {
		case r == '\r' && i < len(fm) && fm[i] == '\n':
			i++
			fallthrough
		case r == '\n':
			fileLine, col = fileLine+1, 0
		case r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			col++
		default:
			col++
			continue
		}
		m.line = append(m.line, fileLine)
		m.colOff = append(m.colOff, col)
	}
	return m
}

// pos turns a yaml.v3 line and column into the file's.
func (m *yamlLines) pos(line, col int) (int, int) {
	if m == nil {
		return line + fmLine - 1, col
	}
	if line < 1 {
		return fmLine, col
	}
	if line >= len(m.line) {
		line = len(m.line) - 1 // the end of the stream
	}
	return m.line[line], m.colOff[line] + col
}

func (c *fmChecker) at(rule string, n *yaml.Node, format string, args ...any) {
	line, col := c.pos(n)
	c.add(rule, line, col, format, args...)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

func (c *fileChecker) frontMatter(fm []byte) {
	var root yaml.Node
	if err := c.parse(fm, &root); err != nil {
		var ne *yamlnode.NodesError
		if errors.As(err, &ne) {
			return // the load-error rule reports it; the tree is not built
		}
		msg := err.Error()
		line := fmLine
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + fmLine - 1
			msg = msg[len(m[0]):]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		line, _ = newYAMLLines(fm).pos(line-fmLine+1, 1)
		c.add(RuleYAMLSyntax, line, 1, "invalid YAML: %s", msg)
		return
	}
	fc := &fmChecker{fileChecker: c, visited: map[*yaml.Node]bool{}, ownKeys: map[string]bool{}, lines: newYAMLLines(fm)}
	var m *yaml.Node
	if len(root.Content) > 0 {
		m = resolve(root.Content[0])
	}
	switch {
	case m == nil || (m.Kind == yaml.ScalarNode && m.Tag == "!!null"):
		fc.required(nil, nil)
		return
	case m.Kind != yaml.MappingNode:
		fc.at(RuleNotAMapping, m, "front matter is a %s, not a mapping of fields", yamlnode.KindName(m))
		return
	}
	fc.document(m)
}

// parse gives the front matter's tree: the loader's, when it parsed the
// file (see corpus.File.FrontMatter), else safeUnmarshal's.
func (c *fileChecker) parse(fm []byte, n *yaml.Node) error {
	if c.loaded == nil {
		return safeUnmarshal(fm, n)
	}
	root, ok, err := c.loaded.FrontMatter()
	switch {
	case !ok:
		return safeUnmarshal(fm, n)
	case err != nil:
		return parseError(err)
	}
	*n = *root
	return nil
}

// safeUnmarshal parses front matter as the loader does (yamlnode.Parse):
// a parser panic is an error, never a crash, and a front matter over
// yamlnode.MaxNodes nodes is refused.
func safeUnmarshal(b []byte, n *yaml.Node) error {
	root, err := yamlnode.Parse(b)
	if err != nil {
		return parseError(err)
	}
	*n = *root
	return nil
}

// parseError is yamlnode.Parse's error as the checker reports it: a
// parser panic reads as YAML that does not parse.
func parseError(err error) error {
	var pe *yamlnode.PanicError
	if errors.As(err, &pe) {
		return fmt.Errorf("yaml: %w", err)
	}
	return err
}

// resolve follows aliases, as the loader does.
var resolve = yamlnode.Resolve

// fields lists a mapping's pairs, reporting duplicate keys (the first
// value is kept, as the loader does), keys that are not scalars, and, when
// known is set, keys seedscope does not know (known maps each key to the
// field it fills).
func (c *fmChecker) fields(m *yaml.Node, where string, known map[string]string) *fieldSet {
	out := newFieldSet(len(m.Content) / 2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], resolve(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			c.at(RuleWrongType, k, "%smapping key is a %s; field ignored", prefix(where), yamlnode.KindName(k))
			continue
		}
		if first, dup := out.get(k.Value); dup {
			line, _ := c.pos(first.k)
			c.at(RuleDuplicateKey, k, "duplicate key %q (first on line %d); the first value is used", where+k.Value, line)
			continue
		}
		if _, ok := known[k.Value]; known != nil && !ok {
			c.at(RuleUnknownField, k, "unknown field %q", where+k.Value)
		}
		out.add(k.Value, field{k, v})
	}
	return out
}

func prefix(where string) string {
	if where == "" {
		return ""
	}
	return strings.TrimSuffix(where, ".") + ": "
}

// enter reports whether a collection should be walked: false when it was
// walked before through another alias.
func (c *fmChecker) enter(n *yaml.Node) bool {
	if n.Anchor == "" {
		return true // only an anchored node can be reached again, by an alias
	}
	if c.visited[n] {
		return false
	}
	c.visited[n] = true
	return true
}

func (c *fmChecker) document(m *yaml.Node) {
	c.enter(m)
	known := c.s.documentKeys()
	fs := c.fields(m, "", known)
	var mainURL, ampURL, cdnURL *yaml.Node
	for _, f := range fs.list {
		key := f.key
		c.family(f.k)
		switch known[key] {
		case "title", "excerpt", "category", "type", "secured":
			c.str(key, f.v)
		case "publishedAt":
			c.date(key, f.v)
		case "url":
			if c.url(key, f.v) && mainURL == nil {
				mainURL = f.v
			}
		case "ampUrl":
			if c.url(key, f.v) && ampURL == nil {
				ampURL = f.v
			}
		case "cdnAmpUrl":
			if c.url(key, f.v) && cdnURL == nil {
				cdnURL = f.v
			}
		case "quality", "heat":
			c.number(key, f.v)
		case "published":
			if !yamlnode.IsNull(f.v) && (f.v.Kind != yaml.ScalarNode || f.v.Tag != "!!bool") {
				c.at(RuleWrongType, f.v, "%s: expected true or false, found %s", key, yamlnode.Describe(f.v))
			}
		case "provider":
			c.provider(key, f.v)
		case "topics":
			c.topics(key, f.v)
		case "images":
			c.images(key, f.v)
		case "related":
			c.related(key, f.v)
		}
	}
	c.ampHosts("", mainURL, ampURL, cdnURL)
	for _, n := range []*yaml.Node{mainURL, ampURL, cdnURL} {
		if n != nil {
			if k := c.keys.get(n.Value); k != "" {
				c.ownKeys[k] = true
			}
		}
	}
	if mainURL != nil {
		c.facts.URL = strings.Clone(mainURL.Value) // the loader reuses the file's bytes
		c.facts.urlKey = strings.Clone(c.keys.get(mainURL.Value))
		c.facts.URLLine, c.facts.URLCol = c.pos(mainURL)
	}
	c.required(m, fs)
	c.selfLinks()
	c.mixedFamilies()
}

// required checks the configured required fields; m is nil when the front
// matter is empty.
func (c *fmChecker) required(m *yaml.Node, fs *fieldSet) {
	for _, req := range c.s.Required {
		top, sub, nested := strings.Cut(req, ".")
		f, ok := lookup(fs, c.s.requiredKeys(top))
		if !ok {
			c.add(RuleRequiredField, 1, 1, "missing required field %q", req)
			continue
		}
		if !nested {
			if isEmpty(f.v) {
				c.at(RuleRequiredField, f.v, "required field %q is empty", req)
			}
			continue
		}
		v := f.v
		if v.Kind == yaml.ScalarNode && !yamlnode.IsNull(v) && top == "provider" && sub == "name" {
			continue // a bare provider string is read as its name (wrong-type says so)
		}
		if v.Kind != yaml.MappingNode {
			c.at(RuleRequiredField, f.k, "missing required field %q", req)
			continue
		}
		subFields := newFieldSet(len(v.Content) / 2)
		for i := 0; i+1 < len(v.Content); i += 2 {
			if _, dup := subFields.get(v.Content[i].Value); !dup {
				subFields.add(v.Content[i].Value, field{v.Content[i], resolve(v.Content[i+1])})
			}
		}
		sf, ok := lookup(subFields, nestedRequiredKeys(top, sub))
		switch {
		case !ok:
			c.at(RuleRequiredField, f.k, "missing required field %q", req)
		case isEmpty(sf.v):
			c.at(RuleRequiredField, sf.v, "required field %q is empty", req)
		}
	}
}

// lookup finds a required field by any of the keys that fill it (the
// first non-empty one wins).
func lookup(fs *fieldSet, keys []string) (field, bool) {
	var found field
	any := false
	for _, k := range keys {
		if f, ok := fs.get(k); ok {
			if !isEmpty(f.v) {
				return f, true
			}
			if !any {
				found, any = f, true
			}
		}
	}
	return found, any
}

func isEmpty(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Tag == "!!null" || strings.TrimSpace(n.Value) == ""
	case yaml.SequenceNode, yaml.MappingNode:
		return len(n.Content) == 0
	}
	return false
}

func (c *fmChecker) family(k *yaml.Node) {
	switch {
	case webFamily[k.Value] && c.firstWeb == nil:
		c.firstWeb = k
	case sourceFamily[k.Value] && c.firstSource == nil:
		c.firstSource = k
	}
}

func (c *fmChecker) mixedFamilies() {
	w, s := c.firstWeb, c.firstSource
	if w == nil || s == nil {
		return
	}
	first, second := w, s
	if before(s, w) {
		first, second = s, w
	}
	line, _ := c.pos(first)
	c.at(RuleURLVariantMixed, second, "%q mixes URL field styles with %q (line %d); use webUrl/ampWebUrl/cdnAmpWebUrl or sourceUrl/ampUrl/cdnAmpUrl throughout", second.Value, first.Value, line)
}

func before(a, b *yaml.Node) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
}

// str checks that a value is a single string (any scalar reads as one).
func (c *fmChecker) str(name string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		c.at(RuleWrongType, v, "%s: expected a string, found a %s", name, yamlnode.KindName(v))
		return "", false
	}
	if yamlnode.IsNull(v) {
		return "", false
	}
	return v.Value, true
}

func (c *fmChecker) date(name string, v *yaml.Node) {
	s, ok := c.str(name, v)
	if !ok || strings.TrimSpace(s) == "" {
		return
	}
	if _, err := corpus.ParseRFC3339(s); err == nil {
		return
	}
	_, err := corpus.ParseTime(s)
	switch {
	case err == nil:
		c.at(RuleDateFormat, v, "%s: %q is not RFC 3339 (e.g. 2020-01-07T20:02:00Z)", name, s)
		return
	case errors.Is(err, corpus.ErrZoneOffset):
		c.at(RuleDateInvalid, v, "%s: %q is not a date and time: %v", name, s, corpus.ErrZoneOffset)
		return
	}
	c.at(RuleDateInvalid, v, "%s: %q is not a date and time", name, s)
}

// url checks an article URL and reports whether it is a usable string.
func (c *fmChecker) url(name string, v *yaml.Node) bool {
	s, ok := c.str(name, v)
	if !ok || strings.TrimSpace(s) == "" {
		return false
	}
	if plainHTTPURL(s) {
		return true
	}
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		c.at(RuleURLAbsolute, v, "%s: %q is not a valid URL", name, s)
	case !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https"):
		c.at(RuleURLAbsolute, v, "%s: %q is not an absolute http(s) URL", name, s)
	case u.Host == "":
		c.at(RuleURLAbsolute, v, "%s: %q has no host", name, s)
	default:
		return true
	}
	return false
}

// ampHosts checks that AMP and CDN AMP URLs lead to the main URL's site.
func (c *fmChecker) ampHosts(where string, main, amp, cdn *yaml.Node) {
	if main == nil {
		return
	}
	mainHost := keyHost(c.keys.get(main.Value))
	for _, n := range []*yaml.Node{amp, cdn} {
		if n == nil {
			continue
		}
		h := keyHost(c.keys.get(n.Value))
		if h == "" || mainHost == "" || sameSite(h, mainHost) {
			continue
		}
		c.at(RuleAMPHostMismatch, n, "%sAMP URL host %q differs from the main URL host %q", where, h, mainHost)
	}
}

// keyHost is the host part of a URL's comparison key (urlnorm.Key):
// www./amp. dropped, AMP-cache addresses unwrapped.
func keyHost(k string) string {
	h, _, _ := strings.Cut(k, "/")
	return h
}

// sameSite accepts hosts of the same registered domain: equal after the
// last two labels (in.mobile.reuters.com and in.reuters.com), or the last
// three under a two-letter country code with a short second level
// (bbc.co.uk). It is a heuristic without the public suffix list: a warning
// it misses is better than one it invents.
func sameSite(a, b string) bool {
	return a == b || siteOf(a) == siteOf(b)
}

func siteOf(host string) string {
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 && len(labels[len(labels)-1]) == 2 && len(labels[len(labels)-2]) <= 3 {
		n = 3
	}
	if len(labels) <= n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

func (c *fmChecker) number(name string, v *yaml.Node) bool {
	if yamlnode.IsNull(v) {
		return false
	}
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		c.at(RuleNumberType, v, "%s: expected a number, found %s", name, yamlnode.Describe(v))
		return false
	}
	if f, err := decodeNumber(v); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		c.at(RuleNumberType, v, "%s: %q is not a finite number", name, v.Value)
		return false
	}
	return true
}

func (c *fmChecker) topics(name string, v *yaml.Node) {
	switch {
	case yamlnode.IsNull(v):
		return
	case v.Kind != yaml.SequenceNode:
		c.at(RuleWrongType, v, "%s: expected a list of strings, found %s", name, yamlnode.Describe(v))
		return
	}
	if !c.enter(v) {
		return
	}
	seen := map[string]*yaml.Node{}
	for _, raw := range v.Content {
		item := resolve(raw)
		switch {
		case item.Kind != yaml.ScalarNode:
			c.at(RuleWrongType, item, "%s: topic is a %s, not a string", name, yamlnode.KindName(item))
			continue
		case yamlnode.IsNull(item) || strings.TrimSpace(item.Value) == "":
			c.at(RuleTopicEmpty, item, "%s: empty topic", name)
			continue
		}
		key := strings.ToLower(strings.TrimSpace(item.Value))
		if first, dup := seen[key]; dup {
			line, _ := c.pos(first)
			c.at(RuleTopicDuplicate, item, "%s: topic %q listed twice (first on line %d)", name, item.Value, line)
			continue
		}
		seen[key] = item
	}
}

// each calls fn for every mapping of a list, reporting anything else.
func (c *fmChecker) each(name string, v *yaml.Node, fn func(int, *yaml.Node)) {
	switch {
	case yamlnode.IsNull(v):
		return
	case v.Kind != yaml.SequenceNode:
		c.at(RuleWrongType, v, "%s: expected a list, found %s", name, yamlnode.Describe(v))
		return
	}
	if !c.enter(v) {
		return
	}
	for i, raw := range v.Content {
		item := resolve(raw)
		if item.Kind != yaml.MappingNode {
			if !yamlnode.IsNull(item) {
				c.at(RuleWrongType, item, "%s[%d]: expected a mapping, found %s", name, i, yamlnode.Describe(item))
			}
			continue
		}
		if c.enter(item) {
			fn(i, item)
		}
	}
}

func (c *fmChecker) images(name string, v *yaml.Node) {
	c.each(name, v, func(i int, m *yaml.Node) {
		where := name + "[" + strconv.Itoa(i) + "]."
		fs := c.fields(m, where, imageKeys)
		sizes := map[string]bool{}
		for _, f := range fs.list {
			key := f.key
			switch imageKeys[key] {
			case "url", "title":
				c.str(where+key, f.v)
			case "width", "height":
				if c.number(where+key, f.v) {
					sizes[key] = true
					if x, _ := decodeNumber(f.v); x <= 0 {
						c.at(RuleImageSize, f.v, "%s%s: %s is not a positive size", where, key, f.v.Value)
					}
				} else if !yamlnode.IsNull(f.v) {
					sizes[key] = true // number-type said it
				}
			}
		}
		for _, key := range []string{"width", "height"} {
			if !sizes[key] {
				c.at(RuleImageSize, m, "%s: image has no %s", strings.TrimSuffix(where, "."), key)
			}
		}
	})
}

func (c *fmChecker) provider(name string, v *yaml.Node) {
	switch {
	case yamlnode.IsNull(v):
		return
	case v.Kind == yaml.ScalarNode:
		c.at(RuleWrongType, v, "%s: expected a mapping with name and domain, found a single value (read as the name)", name)
		return
	case v.Kind != yaml.MappingNode:
		c.at(RuleWrongType, v, "%s: expected a mapping, found a %s", name, yamlnode.KindName(v))
		return
	}
	if !c.enter(v) {
		return
	}
	fs := c.fields(v, name+".", providerKeys)
	for _, f := range fs.list {
		key := f.key
		switch providerKeys[key] {
		case "name", "domain":
			c.str(name+"."+key, f.v)
		case "images":
			c.images(name+".images", f.v)
		}
	}
}

func (c *fmChecker) related(name string, v *yaml.Node) {
	c.each(name, v, func(i int, m *yaml.Node) {
		where := name + "[" + strconv.Itoa(i) + "]."
		fs := c.fields(m, where, relatedKeys)
		var mainURL, ampURL, cdnURL *yaml.Node
		var urls []*yaml.Node
		hasTitle, hasURL := false, false
		for _, f := range fs.list {
			key := f.key
			c.family(f.k)
			switch field := relatedKeys[key]; field {
			case "title":
				s, _ := c.str(where+key, f.v)
				hasTitle = strings.TrimSpace(s) != ""
			case "excerpt", "type":
				c.str(where+key, f.v)
			case "publishedAt":
				c.date(where+key, f.v)
			case "url", "ampUrl", "cdnAmpUrl":
				if s, ok := c.str(where+key, f.v); ok && strings.TrimSpace(s) != "" {
					hasURL = true
				}
				if !c.url(where+key, f.v) {
					continue
				}
				urls = append(urls, f.v)
				switch {
				case field == "url" && mainURL == nil:
					mainURL = f.v
				case field == "ampUrl" && ampURL == nil:
					ampURL = f.v
				case field == "cdnAmpUrl" && cdnURL == nil:
					cdnURL = f.v
				}
			case "quality":
				c.number(where+key, f.v)
			case "provider":
				c.provider(where+key, f.v)
			case "images":
				c.images(where+key, f.v)
			}
		}
		c.relatedURLs = append(c.relatedURLs, urls)
		c.ampHosts(strings.TrimSuffix(where, ".")+": ", mainURL, ampURL, cdnURL)
		switch {
		case !hasTitle && !hasURL:
			c.at(RuleRelatedIncomplete, m, "%s: related item has neither a title nor a URL", strings.TrimSuffix(where, "."))
		case !hasTitle:
			c.at(RuleRelatedIncomplete, m, "%s: related item has no title", strings.TrimSuffix(where, "."))
		case !hasURL:
			c.at(RuleRelatedIncomplete, m, "%s: related item has no URL", strings.TrimSuffix(where, "."))
		}
	})
}

// selfLinks reports related URLs that lead back to the document itself.
func (c *fmChecker) selfLinks() {
	if len(c.ownKeys) == 0 {
		return
	}
	for _, urls := range c.relatedURLs {
		for _, n := range urls {
			if c.ownKeys[c.keys.get(n.Value)] {
				c.at(RuleSelfLink, n, "related item links to the document itself (%s)", n.Value)
				break
			}
		}
	}
}
