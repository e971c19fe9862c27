package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/termsafe"
	"github.com/seedscope/seedscope/pkg/validate"
)

// flagValues lists the values of the flags that are not enum flags, by
// name, for shell completion: the rule ids (checked by validate, which
// names the unknown rule).
func flagValues() map[string][]string {
	rules := validate.RuleIDs()
	return map[string][]string{
		"enable":  rules,
		"disable": rules,
	}
}

// corpusFlagCounters are the flags whose values come from the corpus, by
// name, with the counter that tallies them: the one the facet commands
// use, so a value offered is a value the filter accepts. --folder is
// completed from the walk alone (completeFolders).
var corpusFlagCounters = map[string]func() *query.Counter{
	"topic":        query.TopicCounter,
	"topic-all":    query.TopicCounter,
	"not-topic":    query.TopicCounter,
	"provider":     providersByName,
	"not-provider": providersByName,
	"category":     query.CategoryCounter,
}

// providersByName counts providers as --provider NAME selects them: the
// names people type, with a domain for documents that give no name.
func providersByName() *query.Counter { return query.ProviderCounter(query.ByName) }

// registerCompletions offers, on every command, the values of each flag
// whose value knows them (enum.Completer: --format with the command's own
// formats, --sort, --kind, --parser), the rule ids, and the corpus's own
// values of the filter flags (--topic, --provider… and --folder), read
// from the corpus the command line names.
func registerCompletions(root *cobra.Command, g *GlobalOptions) {
	values := flagValues()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			vs, ok := values[f.Name]
			if e, isEnum := f.Value.(enum.Completer); isEnum {
				vs, ok = e.Completions(), true
			}
			switch counter, fromCorpus := corpusFlagCounters[f.Name]; {
			case ok:
				_ = c.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp))
			case fromCorpus:
				_ = c.RegisterFlagCompletionFunc(f.Name, g.completeValues(counter))
			case f.Name == "folder":
				_ = c.RegisterFlagCompletionFunc(f.Name, g.completeFolders)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// Completion reads the corpus the command line names (the paths already
// typed, else the default corpus), quietly: nothing but completions is
// printed, load problems are ignored, and a large corpus is read for at
// most completionBudget, after which what was counted so far is offered.
// At most completionCap values are offered, the most frequent.
const completionCap = 1000

var completionBudget = 2 * time.Second // a variable for tests

// completionContext bounds the reading of one completion.
func (g *GlobalOptions) completionContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(cmp.Or(g.Context, context.Background()), completionBudget)
}

// completeValues completes a filter flag with the values counter finds in
// the corpus, most frequent first, each with its number of documents. The
// documents are read (parsed) for the values: on a corpus too large to read
// within completionBudget, the counts are of the files read by then and say
// so ("≥41 documents").
func (g *GlobalOptions) completeValues(counter func() *query.Counter) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		roots, o, err := g.corpusOptions(args)
		if err != nil {
			return nil, directive
		}
		ctx, cancel := g.completionContext()
		defer cancel()
		c := counter()
		files := 0
		err = withinDeadline(ctx, func(take func(func()) error) error {
			return corpus.Stream(ctx, roots, o, func(r corpus.Result) error {
				return take(func() {
					files++
					if r.Doc != nil {
						c.Add(r.Doc)
					}
				})
			})
		})
		partial := errors.Is(err, context.DeadlineExceeded)
		if err != nil && !partial {
			return nil, directive // no such path, or interrupted
		}
		var values []counted
		for _, f := range c.Facets() {
			values = append(values, counted{f.Value, f.Count})
		}
		comps, capped := offer(values, toComplete, true, func(n int) string {
			return countOf(n, partial, "document")
		})
		if partial {
			comps = cobra.AppendActiveHelp(comps, fmt.Sprintf("counted in the first %d files, read in %v: the counts are at least these", files, completionBudget))
		}
		if capped {
			comps = cobra.AppendActiveHelp(comps, fmt.Sprintf("the %d most frequent values; type more to narrow", completionCap))
		}
		return comps, directive
	}
}

// completeFolders completes --folder with the folders of the corpus,
// those holding the most files first, from the walk alone.
func (g *GlobalOptions) completeFolders(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	counts := map[string]int{}
	partial, ok := g.walkIDs(args, func(id string) {
		for dir := path.Dir(id); dir != "." && dir != "/"; dir = path.Dir(dir) {
			counts[dir]++
		}
	})
	if !ok {
		return nil, directive
	}
	var folders []counted
	for dir, n := range counts {
		folders = append(folders, counted{dir, n})
	}
	slices.SortFunc(folders, func(a, b counted) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.value, b.value)) })
	comps, capped := offer(folders, toComplete, false, func(n int) string { return countOf(n, partial, "file") })
	if capped {
		comps = cobra.AppendActiveHelp(comps, fmt.Sprintf("the %d largest folders; type more to narrow", completionCap))
	}
	return comps, directive
}

// completeRef completes the first argument of show and related, a
// document ID or a path: the IDs of the default corpus (the paths, typed
// after the ID, are not known yet) that start with what is typed, or
// else file names. The IDs come from the walk alone, no file is read; a
// corpus with more IDs than completionCap offers their shared beginnings
// instead ("0012" for 0012_a1…, 0012_b2…), one more character at each
// press of TAB, as a shell completes a long path.
func (g *GlobalOptions) completeRef(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault // paths
	}
	var ids []string
	_, ok := g.walkIDs(nil, func(id string) {
		if strings.HasPrefix(id, toComplete) && completable(id) {
			ids = append(ids, id)
		}
	})
	if !ok || len(ids) == 0 {
		return nil, cobra.ShellCompDirectiveDefault // a path, perhaps
	}
	if len(ids) <= completionCap {
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
	return idPrefixes(ids, len(toComplete)), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// walkIDs calls fn with the ID of each file of the corpus args name,
// within completionBudget. It reports whether the walk stopped at the
// deadline (partial), and false when it failed.
func (g *GlobalOptions) walkIDs(args []string, fn func(id string)) (partial, ok bool) {
	roots, o, err := g.corpusOptions(args)
	if err != nil {
		return false, false
	}
	ctx, cancel := g.completionContext()
	defer cancel()
	err = withinDeadline(ctx, func(take func(func()) error) error {
		return corpus.WalkIDs(ctx, roots, o, func(id, _ string) error {
			return take(func() { fn(id) })
		})
	})
	partial = errors.Is(err, context.DeadlineExceeded)
	return partial, err == nil || partial
}

// withinDeadline runs a load and returns when it returns or, at the
// latest, when ctx ends: a load that is slow to stop (a read stuck on a
// slow disk, files still being parsed) finishes in the background. The
// load passes each result's work to take, which runs it unless
// withinDeadline has returned: after that nothing it does is counted, and
// take returns an error that stops it.
func withinDeadline(ctx context.Context, load func(take func(func()) error) error) error {
	var mu sync.Mutex
	stopped := false
	take := func(f func()) error {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return context.Canceled
		}
		f()
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- load(take) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	mu.Lock()
	stopped = true
	mu.Unlock()
	return err
}

// idPrefixes groups sorted IDs (more than completionCap, each starting
// with the typed text, typed bytes long) by their first characters: the
// longest beginnings of which there are at most completionCap, each
// described by how many IDs share it. An ID shorter than that is itself.
func idPrefixes(ids []string, typed int) []cobra.Completion {
	slices.Sort(ids)
	group := func(n int) []counted {
		var out []counted
		for _, id := range ids {
			p := id
			if len(id) > n {
				p = id[:n]
				for !utf8.ValidString(p) && len(p) > typed {
					p = p[:len(p)-1] // not in the middle of a character
				}
			}
			if k := len(out); k > 0 && out[k-1].value == p {
				out[k-1].n++
				continue
			}
			out = append(out, counted{p, 1})
		}
		return out
	}
	longest := 0
	for _, id := range ids {
		longest = max(longest, len(id))
	}
	// The number of groups grows with their length: the longest length
	// with at most completionCap groups (at least one more byte than typed).
	lo, hi := typed+1, longest
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if len(group(mid)) <= completionCap {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	groups := group(lo)
	comps := make([]cobra.Completion, 0, min(len(groups), completionCap))
	for _, gr := range groups[:min(len(groups), completionCap)] {
		if _, whole := slices.BinarySearch(ids, gr.value); whole && gr.n == 1 {
			comps = append(comps, gr.value)
			continue
		}
		comps = append(comps, cobra.CompletionWithDesc(gr.value, countOf(gr.n, false, "id")))
	}
	return comps
}

// counted is a value and how many documents (or files) have it.
type counted struct {
	value string
	n     int
}

// offer turns values, most frequent first, into completions for the text
// typed: those that start with it (ignoring case when fold is set), at
// most completionCap of them. Values a shell cannot offer intact
// (newlines, tabs, control and invisible characters) are left out. A
// value matched ignoring case is offered with the case typed ("cov" gives
// "cov-19" for "COVID-19"): the filters ignore case, and each shell's own
// check that a completion starts with the typed text then accepts it.
func offer(values []counted, toComplete string, fold bool, describe func(int) string) (comps []cobra.Completion, capped bool) {
	seen := map[string]bool{}
	for _, v := range values {
		value := strings.TrimSpace(v.value) // the filters trim, and the shell scripts would
		if !completable(value) {
			continue
		}
		if !strings.HasPrefix(value, toComplete) {
			head, ok := runePrefix(value, utf8.RuneCountInString(toComplete))
			if !fold || !ok || !strings.EqualFold(head, toComplete) {
				continue
			}
			value = toComplete + value[len(head):]
		}
		if seen[value] {
			continue // a spelling of a value already offered, less frequent
		}
		if len(comps) == completionCap {
			return comps, true
		}
		seen[value] = true
		comps = append(comps, cobra.CompletionWithDesc(value, describe(v.n)))
	}
	return comps, false
}

// runePrefix returns the first n characters of s.
func runePrefix(s string, n int) (string, bool) {
	i := 0
	for range n {
		if i >= len(s) {
			return "", false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], true
}

// completable reports whether a shell can offer s intact, and a terminal
// show it as it is: one line, no tab (the completion protocol's separator),
// no control or invisible character, no space around it (the completion
// scripts trim it).
func completable(s string) bool {
	return s != "" && utf8.ValidString(s) && termsafe.Line(s) == s && strings.TrimSpace(s) == s
}

// countOf describes a count: "1 document", "41 documents", or "≥41
// documents" when the count is of part of the corpus.
func countOf(n int, partial bool, noun string) string {
	s := fmt.Sprintf("%d %s", n, noun)
	if n != 1 {
		s += "s"
	}
	if partial {
		s = "≥" + s
	}
	return s
}
