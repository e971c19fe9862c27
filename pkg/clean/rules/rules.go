// Package rules holds the cleaning rules for scraped plain text, as data:
// All lists them, each with its name, what it does and an example, and
// Text walks the list. It imports nothing of seedscope, so that the
// loader (a plain-text title skips the lines these rules drop; a
// document's word count is taken on the cleaned text) and the cleaner
// (package clean, which adds the rule learned from a whole corpus) share
// one list.
//
// Every rule costs time linear in the text: the character rules are one
// pass each, a line is matched only when it is short (maxKeyLen), and the
// block rules look at each line a bounded number of times.
package rules

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Stage is when a rule runs. The stages run in this order: characters,
// lines, blocks; the corpus rule runs with the line rules.
type Stage string

const (
	// Characters rules rewrite the whole text before it is cut into lines.
	Characters Stage = "characters"
	// Lines rules each say whether one line is web chrome; such a line is
	// dropped.
	Lines Stage = "lines"
	// Blocks rules look at the lines kept, together.
	Blocks Stage = "blocks"
	// Corpus rules are learned from every plain-text document of a corpus
	// (package clean); they drop lines as the Lines rules do.
	Corpus Stage = "corpus"
)

// Rule is one cleaning rule. Exactly one of its functions is set, the one
// of its stage (a Corpus rule has none here).
type Rule struct {
	Name  string
	Stage Stage
	// Does says what the rule does, in one or two sentences.
	Does string
	// In is an example text and Out what Text makes of it.
	In, Out string

	chars func(dst []byte, s string) ([]byte, bool)
	block func(st *state, ls []string) []string
	// A Lines rule drops a line whose Key is one of phrases.exact, starts
	// with one of phrases.prefix, or that also reports.
	phrases phrases
	also    func(l *Line) bool
}

// Line is a line the Lines rules look at: Text is the line (blank runs
// already one space, no blank at either end), Key its match form: lower
// case, without the decoration a menu or banner puts around a word (see
// decoration). Key is the whole line when Full, else only its first
// keyPrefix bytes or so (enough for every phrase a rule starts with);
// it is "" for lines longer than maxKeyLen bytes, which are prose, never
// chrome.
type Line struct {
	Text, Key string
	Full      bool
	// Words is the number of blank-separated words of Text.
	Words int
}

// maxKeyLen is the longest line the Lines rules (and the trailing-promo
// rule) look at; web chrome is short, and a cookie banner or a promo
// paragraph stays under it.
const maxKeyLen = 600

// Lines of at most fullKeyLen bytes get their whole Key; longer ones the
// first keyPrefix bytes of it.
const (
	fullKeyLen = 160
	keyPrefix  = 48
)

// Rules for the repeated-lines rule (learned by package clean), here so
// that the list documents them: a line is dropped from every plain-text
// document of a corpus when it stands in at least RepeatedMinDocs of the
// corpus's plain-text documents and in at least RepeatedMinPercent % of them,
// counting documents with one title once (copies of one story do not make
// their own lines boilerplate), and is at most RepeatedMaxLen bytes long.
const (
	RepeatedMinDocs    = 10
	RepeatedMinPercent = 2
	RepeatedMaxLen     = 200
)

// All is every rule, in the order Text applies them within a stage.
var All = []Rule{
	{
		Name: "broken-entities", Stage: Characters, chars: repairBroken,
		Does: "Repairs HTML entities that a scraper or a machine translation broke up with blanks (`& # 39;`, `&# 39 ;`, `& #x27;`, `& quot;`: the forms `validate` reports as `broken-entity`) and decodes them. A broken apostrophe also loses the blanks put around it: `Amazon & # 39; s` is `Amazon's`, `a & # 39; portal & # 39 ;.` is `a 'portal'.`.",
		In:   "Amazon & # 39; s security company & # 39;Ring& # 39 ;.",
		Out:  "Amazon's security company 'Ring'.",
	},
	{
		Name: "html-entities", Stage: Characters, chars: decodeEntities,
		Does: "Decodes well-formed HTML entities, numeric (`&#233;`, `&#x27;`) and named (`&quot;`, `&eacute;`, every HTML5 name, with its `;`), also when encoded twice (`&amp;#39;`, `&amp;amp;`). An entity for a control character or for no character (`&#0;`) is left as written; a name without `;` (`AT&T`, `S&P`) is text.",
		In:   "Jos&#233; said &quot;caf&eacute;&quot; &amp;#39;n&amp;#39; AT&T",
		Out:  "José said \"café\" 'n' AT&T",
	},
	{
		Name: "invisible-characters", Stage: Characters, chars: invisible,
		Does: "Turns no-break and other Unicode spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000) into a blank; removes zero-width spaces, word joiners, byte-order marks and soft hyphens (U+200B, U+2060, U+FEFF, U+00AD); turns CR LF, a lone CR and the Unicode line and paragraph separators into a line break.",
		In:   "Ring\u00a0cameras\u200b are\r\nsold",
		Out:  "Ring cameras are\nsold",
	},
	{
		Name: "blank-runs", Stage: Characters, chars: blankRuns,
		Does: "Makes each run of blanks (spaces, tabs, vertical tabs, form feeds) one space and removes blanks at the start and end of every line.",
		In:   "  Ring \t partners   with police.  ",
		Out:  "Ring partners with police.",
	},
	lineRule("skip-links",
		"Drops the links a page offers to jump past its menus: `Skip to main content`, `Skip to navigation`, `Jump to content`, any `Skip to …` line of at most five words.",
		"Skip to main content\nRing partners with police.", "Ring partners with police.",
		phrases{
			exact:  []string{"skip to main content", "skip to content", "skip to navigation", "skip navigation", "jump to content", "jump to navigation", "jump to main content", "skip to search", "skip to footer", "skip to article"},
			prefix: []string{"skip to "}, maxWords: 5,
		}, nil),
	lineRule("navigation",
		"Drops menu and account lines (`Menu`, `Home`, `Search`, `Sign in`, `Toggle navigation`, `Back to top`, `Next article`…) and menu rows or breadcrumbs: three or more items of at most three words each, separated by `|`, `›`, `»`, `>`, `•` or `·` (`Home | News | Sport`).",
		"Home › World › Europe\nMenu\nRing partners with police.", "Ring partners with police.",
		phrases{exact: []string{
			"menu", "main menu", "open menu", "close menu", "toggle navigation", "navigation", "main navigation",
			"home", "search", "close", "sign in", "log in", "login", "log out", "sign out", "my account", "register",
			"back to top", "go to top", "previous", "next", "previous article", "next article", "previous story", "next story",
		}}, menuRow),
	lineRule("share",
		"Drops share buttons: `Share`, `Share this story`, `Share on Facebook`, `Copy link`, `Tweet`, and lines made only of sharing words and network names (`Facebook Twitter Email`).",
		"Share this story\nFacebook | Twitter | Email\nRing partners with police.", "Ring partners with police.",
		phrases{exact: []string{
			"share", "share this", "share this story", "share this article", "share this page", "share article", "share story",
			"share on facebook", "share on twitter", "share via email", "copy link", "copy article link", "tweet", "email", "pin it",
		}}, shareRow),
	lineRule("advertisement",
		"Drops advertisement markers: `Advertisement`, `- Advertisement -`, `[Ad]`, `Sponsored content`, `Story continues below advertisement`, `Scroll to continue with content`.",
		"Ring partners with police.\n- Advertisement -\nIt says so.", "Ring partners with police.\nIt says so.",
		phrases{exact: []string{
			"advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content",
			"promoted content", "advertise with us", "ad feedback", "report this ad", "story continues below advertisement",
			"article continues below advertisement", "continue reading below", "article continues below",
			"continue reading the main story", "scroll to continue with content",
		}}, nil),
	lineRule("cookies",
		"Drops cookie banners and their buttons: lines starting `We use cookies`, `This site uses cookies`, `By continuing to use this site`… (at most 80 words), and `Accept cookies`, `Accept all`, `Cookie settings`, `Cookie policy`.",
		"We use cookies to improve your experience.\nAccept all\nRing partners with police.", "Ring partners with police.",
		phrases{
			exact: []string{"accept cookies", "accept all cookies", "accept all", "reject all", "cookie settings", "cookie policy", "manage cookies", "cookie preferences", "manage preferences"},
			prefix: []string{"we use cookies", "this site uses cookies", "this website uses cookies", "our site uses cookies", "our website uses cookies",
				"we and our partners use cookies", "by continuing to use this site", "by continuing to browse", "by using this site", "by using this website", "by using our site"},
			maxWords: 80,
		}, nil),
	lineRule("newsletter",
		"Drops newsletter and subscription calls: `Subscribe`, `Newsletter`, `Sign up`, lines starting `Sign up for our newsletter`, `Subscribe to our`, `Join our mailing list`, `Enter your email address` (at most 40 words).",
		"Ring partners with police.\nSign up for our newsletter to get the news first.", "Ring partners with police.",
		phrases{
			exact: []string{"subscribe", "subscribe now", "newsletter", "newsletters", "sign up", "sign up now", "get the newsletter"},
			prefix: []string{"sign up for our", "sign up to our", "subscribe to our", "join our mailing list", "get our newsletter",
				"enter your email address", "sign up to receive", "sign up for free"},
			maxWords: 40,
		}, nil),
	lineRule("photo-credits",
		"Drops picture credits and captions markers of at most twelve words: lines starting `Photo by`, `Photo:`, `Photograph:`, `Image:`, `Image source:`, `Illustration by`, and `Getty Images`, `Image caption`, `Image copyright`.",
		"Photo by Dan Seifert / The Verge\nRing partners with police.", "Ring partners with police.",
		phrases{
			exact: []string{"getty images", "image caption", "image copyright", "media caption", "photo credit", "image credit"},
			prefix: []string{"photo by ", "photo: ", "photos: ", "photograph: ", "photograph by ", "image: ", "image source: ", "image caption: ",
				"image copyright: ", "picture: ", "illustration by ", "illustration: ", "photo credit: ", "image credit: "},
			maxWords: 12,
		}, nil),
	lineRule("tag-lines",
		"Drops lists of tags a page or a translation service leaves below the text, at most 20 words: lines starting `(TagsToTranslate)`, `Tags:`, `Tagged:`, `Filed under:`.",
		"Ring partners with police.\n. (TagsToTranslate) Dailymail (t) sciencetech", "Ring partners with police.",
		phrases{prefix: []string{"(tagstotranslate)", "tags: ", "tagged: ", "filed under: "}, maxWords: 20}, nil),
	{
		Name: "repeated-lines", Stage: Corpus,
		Does: "Drops a line that many plain-text documents of the corpus share (a site's footer, an author's note): one of at most 200 bytes found in at least 10 plain-text documents and in at least 2% of them, documents with the same title counted once. It needs the whole corpus, so only the reading views, `show` and `--clean` apply it (not `words`); on a corpus of fewer than 10 plain-text documents it never applies.",
		In:   "(in 30 of 500 documents) Bill Thompson is a regular commentator on the BBC World Service programme Go Digital.",
		Out:  "",
	},
	{
		Name: "doubled-lines", Stage: Blocks, block: doubled,
		Does: "Drops a line that repeats the line kept just before it (blank lines between them do not count): a headline scraped twice.",
		In:   "Ring partners with police\n\nRing partners with police\n\nIt says so.",
		Out:  "Ring partners with police\n\nIt says so.",
	},
	{
		Name: "trailing-promo", Stage: Blocks, block: trailingPromo,
		Does: "Cuts a promotional block at the end of the text: from a promo line (a heading such as `Read more`, `Related articles`, `More from …`, `You may also like`, `Most read`; a link `Read more: …`, `Related: …`, `See also: …`; a line asking to `Follow us on`, `Get your daily dose`, `Download our app`…) to the end, when among the last 12 lines and followed only by short lines (at most 20 words: headlines of other stories) or other promo lines.",
		In:   "Ring partners with police.\nRelated articles\nAmazon buys a drone maker\nNew doorbell announced",
		Out:  "Ring partners with police.",
	},
	{
		Name: "blank-lines", Stage: Blocks, block: blankLines,
		Does: "Keeps at most one blank line between paragraphs and none at the start or end (also where dropped lines leave several).",
		In:   "\nRing partners with police.\n\n\n\nIt says so.\n\n",
		Out:  "Ring partners with police.\n\nIt says so.",
	},
}

// Rewrite applies a Characters rule alone to s; other rules return s.
func (r Rule) Rewrite(s string) string {
	if r.chars == nil {
		return s
	}
	if b, changed := r.chars(nil, s); changed {
		return string(b)
	}
	return s
}

// ByName returns the rule of that name.
func ByName(name string) (Rule, bool) {
	for _, r := range All {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// Text cleans one plain-text body: every rule of All but the corpus ones.
func Text(s string) string {
	return string(AppendText(nil, s, nil))
}

// AppendText appends the cleaned s to dst: the character rules, then each
// line that no Lines rule and not extra (may be nil; package clean's
// corpus rule) drops, then the block rules.
func AppendText(dst []byte, s string, extra func(line string) bool) []byte {
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	s = st.chars(s)
	kept := st.lines[:0]
	if n := strings.Count(s, "\n") + 1; cap(kept) < n {
		kept = make([]string, 0, n)
	}
	for rest := s; ; {
		text, more := rest, false
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			text, rest, more = rest[:i], rest[i+1:], true
		}
		if text == "" || !st.drops(text) && (extra == nil || !extra(text)) {
			kept = append(kept, text)
		}
		if !more {
			break
		}
	}
	for i := range All {
		if r := &All[i]; r.block != nil {
			kept = r.block(st, kept)
		}
	}
	for i, l := range kept {
		if i > 0 {
			dst = append(dst, '\n')
		}
		dst = append(dst, l...)
	}
	clear(kept)
	if cap(kept) <= maxPooledLines {
		st.lines = kept[:0]
	} else {
		st.lines = nil
	}
	for i := range st.bufs {
		if cap(st.bufs[i]) > maxPooledBuf {
			st.bufs[i] = nil
		}
	}
	return dst
}

// Drops reports whether a Lines rule drops the line, and which.
func Drops(line string) (rule string, ok bool) {
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	if b, changed := invisible(nil, line); changed {
		line = string(b)
	}
	if b, changed := blankRuns(nil, line); changed {
		line = string(b)
	}
	line = strings.TrimFunc(line, unicode.IsSpace)
	if i := lineIndex.match(st.line(line)); i >= 0 {
		return All[i].Name, true
	}
	return "", false
}

// Chars applies the character rules alone: what a single line, such as a
// title, is cleaned with.
func Chars(s string) string {
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	if c := st.chars(s); c != s {
		return strings.Clone(c)
	}
	return s
}

// chars applies the character rules to s, each writing into the buffer
// the text it reads is not in; the result lives in st until its next use.
func (st *state) chars(s string) string {
	k := 0
	for i := range All {
		if r := &All[i]; r.chars != nil {
			if b, changed := r.chars(st.bufs[k][:0], s); changed {
				st.bufs[k] = b
				s = unsafe.String(unsafe.SliceData(b), len(b))
				k ^= 1
			}
		}
	}
	return s
}

// maxPooledBuf is the largest text buffer a pooled state keeps.
const maxPooledBuf = 1 << 20

// maxPooledLines is the most lines a pooled state keeps room for.
const maxPooledLines = 1 << 12

// state is the scratch space of one cleaning.
type state struct {
	bufs  [2][]byte
	lines []string
	key   []byte
	l     Line
}

var statePool = sync.Pool{New: func() any { return new(state) }}

// drops reports whether a Lines rule drops text.
func (st *state) drops(text string) bool {
	return lineIndex.match(st.line(text)) >= 0
}

// line fills st.l for text; its Key lives in st.key until the next call.
func (st *state) line(text string) *Line {
	st.l = Line{Text: text}
	if len(text) > maxKeyLen || text == "" {
		return &st.l
	}
	st.l.Words = strings.Count(text, " ") + 1
	part := text
	if len(text) > fullKeyLen {
		cut := keyPrefix
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		part = text[:cut]
	} else {
		st.l.Full = true
	}
	st.key = appendKey(st.key[:0], part)
	// No copy: the rules keep nothing of a key.
	key := unsafe.String(unsafe.SliceData(st.key), len(st.key))
	if st.l.Full {
		key = strings.Trim(key, decoration)
	} else {
		key = strings.TrimLeft(key, decoration)
	}
	st.l.Key = key
	return &st.l
}

// appendKey appends text in lower case.
func appendKey(dst []byte, text string) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

// decoration is what menus and banners put around a word: "- Advertisement
// -", "» Read more", "[Ad]", "Related articles:".
const decoration = " -–—•·*|:.>»«<_=~#[]"

// phrases are the lines a Lines rule drops: a key equal to one of exact,
// or starting with one of prefix on a line of at most maxWords words.
type phrases struct {
	exact    []string
	prefix   []string
	maxWords int
}

func lineRule(name, does, in, out string, p phrases, also func(*Line) bool) Rule {
	return Rule{Name: name, Stage: Lines, Does: does, In: in, Out: out, phrases: p, also: also}
}

// index is the Lines rules' phrases gathered for one lookup a line: the
// rules stay a list, this is how a line is matched against all of them
// at once.
type index struct {
	exact map[string]int // phrase: the first rule that has it
	// prefix holds, by the first byte of the phrase, the prefixes of
	// every rule in the order of All.
	prefix [256][]prefixRule
	also   []int // the rules with a predicate, in order
}

type prefixRule struct {
	prefix   string
	maxWords int
	rule     int
}

var lineIndex = buildIndex(All)

func buildIndex(all []Rule) *index {
	x := &index{exact: map[string]int{}}
	for i, r := range all {
		if r.Stage != Lines {
			continue
		}
		for _, e := range r.phrases.exact {
			if _, ok := x.exact[e]; !ok {
				x.exact[e] = i
			}
		}
		for _, p := range r.phrases.prefix {
			x.prefix[p[0]] = append(x.prefix[p[0]], prefixRule{p, r.phrases.maxWords, i})
		}
		if r.also != nil {
			x.also = append(x.also, i)
		}
	}
	return x
}

// match returns the first rule of All that drops l, or -1.
func (x *index) match(l *Line) int {
	if l.Key == "" {
		return -1
	}
	best := len(All)
	if l.Full {
		if i, ok := x.exact[l.Key]; ok {
			best = i
		}
	}
	for _, p := range x.prefix[l.Key[0]] {
		if p.rule < best && (p.maxWords == 0 || l.Words <= p.maxWords) && strings.HasPrefix(l.Key, p.prefix) {
			best = p.rule
		}
	}
	for _, i := range x.also {
		if i < best && All[i].also(l) {
			best = i
		}
	}
	if best == len(All) {
		return -1
	}
	return best
}

// menuSeparators split the items of a menu row or a breadcrumb.
const menuSeparators = "|›»>•·"

// menuRow reports a line of three or more short items between menu
// separators: "Home | News | Sport", "Home › World › Europe".
func menuRow(l *Line) bool {
	if l.Words > 30 || !hasMenuSeparator(l.Text) {
		return false
	}
	items := 0
	for item := range strings.FieldsFuncSeq(l.Text, func(r rune) bool { return strings.ContainsRune(menuSeparators, r) }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if len(item) > 24 || strings.Count(item, " ") > 2 || strings.ContainsAny(item[len(item)-1:], ".!?,;") {
			return false
		}
		items++
	}
	return items >= 3
}

// hasMenuSeparator is strings.ContainsAny(s, menuSeparators), by bytes: "|",
// ">", and the first bytes of "›", "•" (E2) and "»", "·" (C2).
func hasMenuSeparator(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', '>':
			return true
		case 0xc2, 0xe2:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if strings.ContainsRune(menuSeparators, r) {
				return true
			}
		}
	}
	return false
}

// shareWords are the words of a row of share buttons; networks are those
// of them that make it one.
var shareWords = map[string]bool{
	"share": true, "facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true, "email": true,
	"e": true, "mail": true, "pinterest": true, "reddit": true, "messenger": true, "telegram": true, "print": true,
	"copy": true, "link": true, "tweet": true, "flipboard": true, "pocket": true, "on": true, "this": true, "via": true,
	"article": true, "story": true, "save": true, "comments": true, "comment": true,
}

var networks = map[string]bool{
	"share": true, "facebook": true, "twitter": true, "linkedin": true, "whatsapp": true, "email": true,
	"pinterest": true, "reddit": true, "messenger": true, "telegram": true, "tweet": true, "flipboard": true,
}

// shareRow reports a line made only of sharing words with at least one
// network or "share" in it: "Facebook Twitter Email", "Share on WhatsApp".
func shareRow(l *Line) bool {
	if l.Words > 12 || !l.Full {
		return false
	}
	network := false
	for w := range strings.FieldsFuncSeq(l.Key, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !shareWords[w] {
			return false
		}
		network = network || networks[w]
	}
	return network
}
