package terms

import "github.com/seedscope/seedscope/pkg/record"

// TermFields describes a term of a frequency list, as terms prints each
// one.
var TermFields = record.Table[Term]{
	{Info: record.Info{Name: "term", Kind: record.String, Doc: "the word or n-gram, folded (lower case, ’ read as '), its words one space apart"}, Value: func(t Term) any { return t.Term }},
	{Info: record.Info{Name: "count", Kind: record.Integer, Doc: "times it occurs in the documents counted"}, Value: func(t Term) any { return int(t.Count) }},
	{Info: record.Info{Name: "documents", Kind: record.Integer, Doc: "documents it occurs in"}, Value: func(t Term) any { return int(t.Documents) }},
	{Info: record.Info{Name: "perMillion", Kind: record.Number, Doc: "count per million words of the documents counted (stop words included)"}, Value: func(t Term) any { return t.PerMillion }},
}

// KeyTermFields describes a term compared with a reference, as terms
// --compare prints each one.
var KeyTermFields = record.Table[KeyTerm]{
	{Info: record.Info{Name: "term", Kind: record.String, Doc: "the word or n-gram, folded (lower case, ’ read as '), its words one space apart"}, Value: func(k KeyTerm) any { return k.Term }},
	{Info: record.Info{Name: "count", Kind: record.Integer, Doc: "times it occurs in the selection"}, Value: func(k KeyTerm) any { return int(k.Count) }},
	{Info: record.Info{Name: "documents", Kind: record.Integer, Doc: "documents of the selection it occurs in"}, Value: func(k KeyTerm) any { return int(k.Documents) }},
	{Info: record.Info{Name: "perMillion", Kind: record.Number, Doc: "count per million words of the selection"}, Value: func(k KeyTerm) any { return k.PerMillion }},
	{Info: record.Info{Name: "refCount", Kind: record.Integer, Doc: "times it occurs in the reference"}, Value: func(k KeyTerm) any { return int(k.RefCount) }},
	{Info: record.Info{Name: "refDocuments", Kind: record.Integer, Doc: "documents of the reference it occurs in"}, Value: func(k KeyTerm) any { return int(k.RefDocuments) }},
	{Info: record.Info{Name: "refPerMillion", Kind: record.Number, Doc: "count per million words of the reference"}, Value: func(k KeyTerm) any { return k.RefPerMillion }},
	{Info: record.Info{Name: "logLikelihood", Kind: record.Number, Doc: "keyness: log-likelihood G2 (Rayson & Garside 2000); 3.84 is p < 0.05, 6.63 p < 0.01, 15.13 p < 0.0001 (one degree of freedom)"}, Value: func(k KeyTerm) any { return k.LogLikelihood }},
	{Info: record.Info{Name: "logRatio", Kind: record.Number, Doc: "effect size: log2 of the ratio of the per-million rates (Hardie 2014), a zero count taken as 0.5; 1 is twice as frequent in the selection"}, Value: func(k KeyTerm) any { return k.LogRatio }},
	{Info: record.Info{Name: "use", Kind: record.String, Doc: "over: relatively more frequent in the selection than in the reference; under: less"}, Value: func(k KeyTerm) any { return k.Use() }},
}
