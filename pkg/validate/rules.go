// Package validate checks seed files and reports every problem found with
// its rule, severity and exact place (file, line, column).
//
// Per-file rules work on one file's bytes at a time (its front matter as a
// yaml.Node tree, so each finding points at the offending key or value);
// corpus-wide rules keep small indexes (IDs, URL keys) while files stream
// by, so memory stays flat however large the corpus. The package knows
// nothing of terminals or output formats: pkg/render prints findings.
package validate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Severity ranks a finding: an Error fails validation, a Warning fails it
// only in strict mode.
type Severity = corpus.Severity

const (
	Warning = corpus.Warning
	Error   = corpus.Error
)

// Scope says what a rule needs to see.
type Scope string

const (
	// ScopeFile rules look at one file at a time.
	ScopeFile Scope = "file"
	// ScopeCorpus rules compare files with each other.
	ScopeCorpus Scope = "corpus"
)

// Rule describes one check. ID is stable: configuration, output and
// suppressions refer to it.
type Rule struct {
	ID       string
	Severity Severity
	// Default says whether the rule runs unless told otherwise.
	Default bool
	Scope   Scope
	// Summary is the one-line explanation shown by `validate --rules` and
	// in SARIF rule metadata.
	Summary string
}

// Rule IDs.
const (
	RuleEmptyFile         = "empty-file"
	RuleTextBinary        = "text-binary"
	RuleTextUTF8          = "text-utf8"
	RuleUnreadable        = "unreadable"
	RuleFileSkipped       = "file-skipped"
	RuleFileName          = "file-name"
	RuleUnterminated      = "unterminated-front-matter"
	RuleYAMLSyntax        = "yaml-syntax"
	RuleNotAMapping       = "not-a-mapping"
	RuleDuplicateKey      = "duplicate-key"
	RuleRequiredField     = "required-field"
	RuleWrongType         = "wrong-type"
	RuleNumberType        = "number-type"
	RuleDateInvalid       = "date-invalid"
	RuleDateFormat        = "date-format"
	RuleURLAbsolute       = "url-absolute"
	RuleAMPHostMismatch   = "amp-host-mismatch"
	RuleURLVariantMixed   = "url-variant-mixed"
	RuleTopicEmpty        = "topic-empty"
	RuleTopicDuplicate    = "topic-duplicate"
	RuleImageSize         = "image-size"
	RuleRelatedIncomplete = "related-incomplete"
	RuleSelfLink          = "self-link"
	RuleUnknownField      = "unknown-field"
	RuleTextNoTitle       = "text-no-title"
	RuleBrokenEntity      = "broken-entity"
	RuleDuplicateID       = "duplicate-id"
	RuleDuplicateURL      = "duplicate-url"
	RuleLoadError         = "load-error"
	RuleFixFailed         = "fix-failed"

	RuleInvalidSuppression = "invalid-suppression"
	RuleUnusedSuppression  = "unused-suppression"
)

// Rules lists every rule, in the order `validate --rules` shows them:
// file-level first, then front matter, text, and corpus-wide rules.
var Rules = []Rule{
	{RuleUnreadable, Error, true, ScopeFile, "the file cannot be read"},
	{RuleFileSkipped, Warning, true, ScopeFile, "the file was not checked (over the size limit, not a regular file, broken symlink, symlink loop)"},
	{RuleEmptyFile, Warning, true, ScopeFile, "the file is empty or holds only blanks"},
	{RuleTextBinary, Error, true, ScopeFile, "the file is binary (it contains NUL bytes)"},
	{RuleTextUTF8, Error, true, ScopeFile, "the file is not valid UTF-8"},
	{RuleFileName, Warning, true, ScopeFile, "the file name does not follow NNN_<16 hex digits>.ext"},
	{RuleUnterminated, Error, true, ScopeFile, "front matter opened with --- on line 1 is never closed"},
	{RuleYAMLSyntax, Error, true, ScopeFile, "front matter is not valid YAML"},
	{RuleNotAMapping, Error, true, ScopeFile, "front matter is not a mapping of fields"},
	{RuleDuplicateKey, Error, true, ScopeFile, "a key appears twice in one mapping (the first value is used)"},
	{RuleRequiredField, Error, true, ScopeFile, "a required field (by default title, url, publishedDateTime, provider.name) is missing or empty"},
	{RuleWrongType, Error, true, ScopeFile, "a field holds the wrong kind of value (a list where a string belongs, a string where a list belongs…)"},
	{RuleNumberType, Error, true, ScopeFile, "quality, heat, width or height is not a finite number"},
	{RuleDateInvalid, Error, true, ScopeFile, "publishedDateTime is not a date and time"},
	{RuleDateFormat, Warning, true, ScopeFile, "publishedDateTime is a date but not RFC 3339 (e.g. a bare date, no time zone)"},
	{RuleURLAbsolute, Error, true, ScopeFile, "an article URL is not an absolute http(s) URL"},
	{RuleAMPHostMismatch, Warning, true, ScopeFile, "the AMP or CDN AMP URL points at another host than the main URL"},
	{RuleURLVariantMixed, Warning, true, ScopeFile, "one file mixes the webUrl and sourceUrl field families"},
	{RuleTopicEmpty, Error, true, ScopeFile, "a topic is empty"},
	{RuleTopicDuplicate, Warning, true, ScopeFile, "a topic is listed twice in one document (ignoring case)"},
	{RuleImageSize, Error, true, ScopeFile, "an image lacks a positive width or height"},
	{RuleRelatedIncomplete, Error, true, ScopeFile, "a related item lacks a title or a URL"},
	{RuleSelfLink, Warning, true, ScopeFile, "a related item links to the document itself"},
	{RuleUnknownField, Warning, false, ScopeFile, "a front-matter key seedscope does not know (kept as an extra field)"},
	{RuleTextNoTitle, Error, true, ScopeFile, "a plain-text file has no line that can serve as its title"},
	{RuleBrokenEntity, Warning, true, ScopeFile, "an HTML entity broken by blanks, such as \"& # 39;\" (--fix repairs it)"},
	{RuleLoadError, Error, true, ScopeFile, "the loader rejects the file for a reason no other rule covers (e.g. YAML aliases expanding past the limit)"},
	{RuleFixFailed, Error, true, ScopeFile, "--fix could not write a repair: the file is read-only, hard-linked, a symlink leading outside the checked paths, changed meanwhile, or the write failed; it is left as it was"},
	{RuleInvalidSuppression, Warning, true, ScopeFile, "a # seedscope-disable comment names an unknown directive or rule, or one that cannot be suppressed"},
	{RuleUnusedSuppression, Warning, true, ScopeFile, "a # seedscope-disable comment suppresses no finding (disable this rule to allow them)"},
	{RuleDuplicateID, Error, true, ScopeCorpus, "two files give the same document ID (same path but for the extension)"},
	{RuleDuplicateURL, Error, true, ScopeCorpus, "two files have the same main URL (after normalisation)"},
}

var ruleByID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for i := range Rules {
		m[Rules[i].ID] = &Rules[i]
	}
	return m
}()

// Lookup returns the rule with this ID.
func Lookup(id string) (Rule, bool) {
	r, ok := ruleByID[id]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}

// RuleIDs returns every rule ID, sorted.
func RuleIDs() []string {
	ids := make([]string, 0, len(Rules))
	for _, r := range Rules {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// UnknownRuleError names rule IDs that do not exist.
type UnknownRuleError struct {
	IDs []string
}

func (e *UnknownRuleError) Error() string {
	s := "s"
	if len(e.IDs) == 1 {
		s = ""
	}
	return fmt.Sprintf("unknown rule%s %s; valid rules are: %s", s, strings.Join(quoteAll(e.IDs), ", "), strings.Join(RuleIDs(), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// checkIDs returns an *UnknownRuleError for the IDs that name no rule.
func checkIDs(ids ...[]string) error {
	var bad []string
	for _, list := range ids {
		for _, id := range list {
			if _, ok := ruleByID[id]; !ok {
				bad = append(bad, id)
			}
		}
	}
	if bad != nil {
		return &UnknownRuleError{IDs: bad}
	}
	return nil
}
