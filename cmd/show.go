package cmd

import (
	"errors"
	"slices"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// ShowOptions are the inputs of show.
type ShowOptions struct {
	Global *GlobalOptions
	Ref    string
	Paths  []string
	Output outputFlags
	Fields *fieldFlags
	// Raw prints the body as read; Clean puts the cleaned body in the
	// JSON and CSV body field.
	Raw, Clean bool
	format     render.Format
	sel        render.Selection
}

// NewCmdShow builds "seedscope show".
func NewCmdShow(g *GlobalOptions, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "Show one document in full",
		Long: `Show one document: its fields, excerpt, related links (with the corpus
document each points at), the documents that link to it, and its body.

ID may be an id, a unique prefix of one ("show 003", as tables print ids),
the id with its file's extension, or the document's file path however it is
spelled (./seeds/x.txt, an absolute path, a path from another folder). An
ambiguous prefix lists the candidates (exit 1).

--format json prints one object carrying everything the text shows: the
document in the shape export writes (related targets resolved), plus
"linkedFrom", the ids of the documents that link here, in the order the
text lists them. ndjson is the same object on one line; csv is the
document's export row. Rows of documents (table, tsv) are list's.

The text shows a plain-text document's body cleaned (web boilerplate,
trailing promos and lines many documents of the corpus share removed,
entities repaired, white space normalised; docs/cleaning.md); --raw
shows it as read. JSON and CSV hold the body as read, as export writes
it; --clean puts the cleaned text there. Front-matter bodies are never
changed.`,
		Example: `  seedscope show 003
  seedscope show 000_882eb17234bc9889 --format json | jq .related
  seedscope show 002 --raw                # the body as read`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: g.completeRef,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Ref, opts.Paths = args[0], args[1:]
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if opts.Raw && opts.Clean {
				return flagErrorf("--raw (the body as read) and --clean (the cleaned body) exclude each other")
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	opts.Output.register(cmd.Flags(), showFormats)
	opts.Fields = addFieldFlags(cmd, render.DocumentViewFields.Infos(), fieldCaps{})
	cmd.Flags().BoolVar(&opts.Raw, "raw", false, "show the body as read, not cleaned")
	cmd.Flags().BoolVar(&opts.Clean, "clean", false, "JSON and CSV: the body field holds the cleaned text")
	return cmd
}

func showRun(opts *ShowOptions) error {
	g := opts.Global
	v, ok, err := render.DocumentView{}, false, error(nil)
	if showScans {
		v, ok, err = opts.scan()
	}
	if err != nil {
		return err
	}
	if !ok {
		c, err := g.loadCorpus(opts.Paths)
		if err != nil {
			return err
		}
		d, err := c.Find(opts.Ref)
		if err != nil {
			return err
		}
		v = render.DocumentView{Doc: d, LinkedFrom: backlinkIDs(c.Docs, d.ID)}
		// The text is read, the body cleaned; data is the body as read,
		// as export writes it, unless asked.
		if opts.cleans() {
			v.Doc = clean.New(c.Docs).Document(d)
		}
	}
	ro := opts.Fields.options(g.IO)
	if opts.sel.JSONOutput() {
		return render.WriteSelected(g.IO.Out, opts.format, render.DocumentViewRecord, opts.sel, ro, v)
	}
	return render.WriteDocument(g.IO.Out, opts.format, v, ro)
}

// cleans reports whether show prints the cleaned body.
func (opts *ShowOptions) cleans() bool {
	return opts.Clean || opts.format == render.Text && !opts.sel.JSONOutput() && !opts.Raw
}

// showScans lets show find its document without holding the corpus
// (scan); tests turn it off to compare with the whole corpus's answer.
var showScans = true

// maxScanCandidates bounds the documents show reads ahead of the scan: a
// reference that more documents may match (a short prefix) loads the
// corpus instead.
const maxScanCandidates = 64

var errTooManyCandidates = errors.New("too many candidates")

// scan finds the document of opts.Ref, its related targets and its
// backlinks as the whole corpus gives them, without holding the corpus:
// it reads the documents the reference may name (corpus.RefMatcher),
// then every file, parsing only those that may hold one of their URLs
// (corpus.LinkNeedles, in the front matter: corpus.LinkBytes), and
// resolves the links among those. When it prints the cleaned body of a
// plain-text document, it parses the plain-text files too, and learns
// from them what the corpus's cleaner (clean.New, learnt from every
// plain-text document) makes of that body (clean.Focus), keeping none
// of them. It reports false when the output needs the corpus all the
// same: a reference that may name too many documents.
func (opts *ShowOptions) scan() (render.DocumentView, bool, error) {
	g := opts.Global
	m := corpus.NewRefMatcher(opts.Ref)
	may := func(id, path string) bool { return m.May(id, corpus.DisplayPath(path)) }
	var cands []*corpus.Document
	texts := false
	_, err := g.streamResults(opts.Paths, func(o *corpus.Options) { o.Select = may }, false, func(r corpus.Result) error {
		d := r.Doc
		cands = append(cands, d)
		texts = texts || d.Kind == corpus.KindText
		if len(cands) > maxScanCandidates {
			return errTooManyCandidates
		}
		return nil
	})
	if errors.Is(err, errTooManyCandidates) {
		return render.DocumentView{}, false, nil
	}
	if err != nil {
		return render.DocumentView{}, false, err
	}
	needles := corpus.NewLinkNeedles()
	for _, d := range cands {
		addURLs(needles, d)
	}
	// focus, when set, learns the cleaner of the plain-text candidates:
	// each plain-text file is parsed once, on the loader's goroutines.
	var focus *clean.Focus
	var shares []*clean.Share
	if texts && opts.cleans() {
		focus = clean.NewFocus(cands...)
	}
	load := func(focus *clean.Focus, needles ...*corpus.LinkNeedles) ([]*corpus.Document, error) {
		var docs []*corpus.Document
		_, err := g.streamResults(opts.Paths, func(o *corpus.Options) {
			o.ParseIf = func(id, path string, data []byte) bool {
				if may(id, path) {
					return true
				}
				lb := corpus.LinkBytes(data)
				if lb == nil {
					return focus != nil
				}
				for _, n := range needles {
					if n.MayHold(lb) {
						return true
					}
				}
				return false
			}
			// Only the documents the reference may name are printed: the
			// others need no count of words.
			o.CountWords = may
			if focus != nil {
				o.Check = func(f *corpus.File) any {
					if f.Doc == nil {
						return nil
					}
					return focus.Share(f.Doc)
				}
			}
		}, len(needles) == 1, func(r corpus.Result) error {
			d := r.Doc
			if s, ok := r.Checked.(*clean.Share); ok && s != nil {
				shares = append(shares, s)
			}
			// A plain-text document has no URL: it neither links nor is
			// linked to.
			if d.Kind != corpus.KindText || m.May(d.ID, d.Path) {
				docs = append(docs, d)
			}
			return nil
		})
		return docs, err
	}
	docs, err := load(focus, needles)
	if err != nil {
		return render.DocumentView{}, false, err
	}
	found := func(docs []*corpus.Document) (*corpus.Document, error) {
		var named []*corpus.Document
		for _, d := range docs {
			if m.May(d.ID, d.Path) {
				named = append(named, d)
			}
		}
		return corpus.FindIn(named, opts.Ref)
	}
	d, err := found(docs)
	if err != nil {
		return render.DocumentView{}, false, err
	}
	// A link to d resolves to the first document with one of its URLs:
	// to d only when none of the URLs the link lists before has a
	// document of its own. Those URLs are looked for too.
	own := corpus.NewLinkNeedles()
	addOwnURLs(own, d)
	more := corpus.NewLinkNeedles()
	for _, doc := range docs {
		for _, r := range doc.Related {
			urls := r.URLs()
			for i, u := range urls {
				if !own.Has(u) {
					continue
				}
				for _, before := range urls[:i] {
					if !needles.Has(before) {
						more.Add(before)
					}
				}
				break
			}
		}
	}
	if more.Len() > 0 {
		if docs, err = load(nil, needles, more); err != nil {
			return render.DocumentView{}, false, err
		}
		if d, err = found(docs); err != nil {
			return render.DocumentView{}, false, err
		}
	}
	corpus.ResolveLinks(docs)
	v := render.DocumentView{Doc: d, LinkedFrom: backlinkIDs(docs, d.ID)}
	if opts.cleans() && d.Kind == corpus.KindText {
		// The focus is on the candidates read first: d is one of them,
		// unless a file changed in between.
		if focus == nil || !slices.ContainsFunc(cands, func(c *corpus.Document) bool { return c.Kind == corpus.KindText && c.Body == d.Body }) {
			return render.DocumentView{}, false, nil
		}
		v.Doc = focus.Cleaner(shares).Document(d)
	}
	return v, true, nil
}

// addURLs adds to n the URLs of d and of its related items.
func addURLs(n *corpus.LinkNeedles, d *corpus.Document) {
	addOwnURLs(n, d)
	for _, r := range d.Related {
		for _, u := range r.URLs() {
			n.Add(u)
		}
	}
}

func addOwnURLs(n *corpus.LinkNeedles, d *corpus.Document) {
	for _, u := range d.URLs() {
		n.Add(u)
	}
}

// backlinkIDs lists the documents that link to id, each once.
func backlinkIDs(docs []*corpus.Document, id string) []string {
	var ids []string
	for _, l := range query.Backlinks(docs, id) {
		if len(ids) == 0 || ids[len(ids)-1] != l.From {
			ids = append(ids, l.From)
		}
	}
	return ids
}
