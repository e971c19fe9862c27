package render

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/jsonstr"
	"github.com/seedscope/seedscope/pkg/termsafe"
)

// detailIndent indents paragraphs under a section heading.
const detailIndent = "  "

// WriteDetail prints one document in full for a person: a header, the
// fields that are set, excerpt, related links and body, wrapped to
// o.Width. All document text is made terminal-safe.
func WriteDetail(w io.Writer, d *corpus.Document, backlinks []string, o Options) error {
	out := bufio.NewWriter(w)
	pal := palette(o.Color)
	width := o.Width
	safe := func(s string) string { return termsafe.Clean(s, false) }

	// A long title, id or path is wrapped at its blanks and the " · "
	// between them, not cut by the terminal mid-word.
	writeSpans(out, "", "", []span{{text: safe(cmp.Or(d.Title, "(untitled)")), style: TitleStyle}}, width, pal)
	header := strings.Join([]string{safe(d.ID), string(d.Kind), safe(d.Path)}, " · ")
	writeSpans(out, "", "", []span{{text: header, style: DimStyle}}, width, pal)
	fmt.Fprintln(out)

	field := func(name, value string, style Style) {
		if value != "" {
			fmt.Fprintf(out, "%-11s %s\n", name, pal[style].Sprint(safe(value)))
		}
	}
	if d.PublishedAt != nil {
		field("Published", d.PublishedAt.Format("2006-01-02 15:04 MST"), DateStyle)
	}
	prov := d.Provider.Name
	if d.Provider.Domain != "" && d.Provider.Domain != prov {
		prov = strings.TrimSpace(prov + " (" + d.Provider.Domain + ")")
	}
	field("Provider", prov, ProviderStyle)
	field("Type", joinNonEmpty(" · ", d.Type, d.Category), Plain)
	field("Scores", joinNonEmpty("  ", labelled("quality", number(d.Quality)), labelled("heat", number(d.Heat)), labelled("published", boolean(d.Published))), Plain)
	field("Topics", strings.Join(d.Topics, ", "), Plain)
	field("URL", d.URL, Plain)
	field("AMP", d.AmpURL, DimStyle)
	field("CDN AMP", d.CdnAmpURL, DimStyle)
	for i, im := range d.Images {
		field(firstOnly(i, "Images"), joinNonEmpty(" ", im.URL, size(im)), DimStyle)
	}
	if len(d.Extra) > 0 {
		keys := make([]string, 0, len(d.Extra))
		for k := range d.Extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			field(firstOnly(i, "Extra"), k+": "+extraText(d.Extra[k]), DimStyle)
		}
	}

	section := func(title string) {
		fmt.Fprintln(out)
		fmt.Fprintln(out, pal[TitleStyle].Sprint(title))
	}
	if d.Excerpt != "" {
		section("Excerpt")
		writeWrapped(out, safe(d.Excerpt), width)
	}
	if len(d.Related) > 0 {
		section(fmt.Sprintf("Related (%d)", len(d.Related)))
		for i, r := range d.Related {
			item := []span{{text: safe(cmp.Or(r.Title, "(untitled)"))}}
			if meta := joinNonEmpty(", ", cmp.Or(r.Provider.Name, r.Provider.Domain), date(r.PublishedAt)); meta != "" {
				item = append(item, span{lead: " — ", text: safe(meta), style: ProviderStyle})
			}
			if r.Target != "" {
				item = append(item, span{lead: "  → ", text: safe(r.Target), style: IDStyle})
			}
			number := fmt.Sprintf("%s%d. ", detailIndent, i+1)
			under := strings.Repeat(" ", len(number)) // the title's column
			writeSpans(out, number, under, item, width, pal)
			if u := r.PrimaryURL(); u != "" {
				fmt.Fprintln(out, under+pal[DimStyle].Sprint(safe(u)))
			}
		}
	}
	if len(backlinks) > 0 {
		section(fmt.Sprintf("Linked from (%d)", len(backlinks)))
		for _, id := range backlinks {
			fmt.Fprintln(out, detailIndent+pal[IDStyle].Sprint(safe(id)))
		}
	}
	if d.Body != "" {
		section(fmt.Sprintf("Body (%d words)", d.Words))
		for _, para := range strings.Split(termsafe.Clean(d.Body, true), "\n") {
			writeWrapped(out, para, width)
		}
	}
	return out.Flush()
}

// extraText prints a string as it is and anything else as compact JSON.
func extraText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// firstOnly labels the first line of a multi-line field.
func firstOnly(i int, name string) string {
	if i == 0 {
		return name
	}
	return ""
}

func labelled(name, v string) string {
	if v == "" {
		return ""
	}
	return name + " " + v
}

func size(im corpus.Image) string {
	if im.Width == nil || im.Height == nil {
		return ""
	}
	return "(" + number(im.Width) + "×" + number(im.Height) + ")"
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// writeWrapped prints plain text indented and word-wrapped to width (0:
// no wrapping). A blank line stays blank.
func writeWrapped(w io.Writer, text string, width int) {
	writeSpans(w, detailIndent, detailIndent, []span{{text: strings.TrimRight(text, " ")}}, width, nil)
}

// DocumentView is one document with what the corpus knows about it: the
// ids of the documents that link to it, in path order, each once. Its
// JSON is the document's (the export shape, related targets resolved)
// with one more key at the end, "linkedFrom".
type DocumentView struct {
	Doc        *corpus.Document
	LinkedFrom []string
}

// AppendJSON appends the view's compact JSON.
func (v DocumentView) AppendJSON(b []byte) []byte {
	b = v.Doc.AppendJSON(b)
	if len(b) == 0 || b[len(b)-1] != '}' {
		return b // a nil document: null
	}
	b = append(b[:len(b)-1], `,"linkedFrom":[`...)
	for i, id := range v.LinkedFrom {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, id, true) // as the document's own strings
	}
	return append(b, "]}"...)
}

// WriteDocument writes one document in full: text for a person (WriteDetail),
// one JSON object (json: indented, ndjson: one line) carrying everything the
// text shows, or the document's CSV row as export writes it.
func WriteDocument(w io.Writer, f Format, v DocumentView, o Options) error {
	switch f {
	case Text:
		return WriteDetail(w, v.Doc, v.LinkedFrom, o)
	case JSON, NDJSON:
		return writeObject(w, f, v, o.JSON)
	case CSV:
		return WriteAll(w, f, Documents, o, []*corpus.Document{v.Doc})
	}
	return fmt.Errorf("a document cannot be written as %s", f)
}
