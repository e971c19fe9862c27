package validate

// fieldRules judge a document's fields. A file the loader refuses for a
// reason no rule of the checker covers (load-error: aliases that expand
// past the limit, too many nodes, front matter over the size limit) was
// never loaded as a document: these rules have nothing to say about it,
// and what they would say (three required fields "missing" from an alias
// bomb) would be false. The rules about the file itself (its name, its
// encoding, its broken entities) still apply.
var fieldRules = map[string]bool{
	RuleDuplicateKey:      true,
	RuleRequiredField:     true,
	RuleWrongType:         true,
	RuleNumberType:        true,
	RuleDateInvalid:       true,
	RuleDateFormat:        true,
	RuleURLAbsolute:       true,
	RuleAMPHostMismatch:   true,
	RuleURLVariantMixed:   true,
	RuleTopicEmpty:        true,
	RuleTopicDuplicate:    true,
	RuleImageSize:         true,
	RuleRelatedIncomplete: true,
	RuleSelfLink:          true,
	RuleUnknownField:      true,
}

// notLoaded drops, from the findings of a file the loader refused, those
// about its fields.
func notLoaded(fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if !fieldRules[f.Rule] {
			out = append(out, f)
		}
	}
	return out
}
