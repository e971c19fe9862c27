package dupes

import (
	"math"
	"time"

	"github.com/seedscope/seedscope/pkg/record"
)

// MemberFields describes a member of a cluster, as dupes prints each one.
var MemberFields = record.Table[Member]{
	{Info: record.Info{Name: "cluster", Kind: record.Integer, Doc: "the cluster's number, from 1, largest cluster first"}, Value: func(m Member) any { return m.Cluster }},
	{Info: record.Info{Name: "size", Kind: record.Integer, Doc: "documents in the cluster"}, Value: func(m Member) any { return m.Size }},
	{Info: record.Info{Name: "representative", Kind: record.Boolean, Doc: "whether this document represents its cluster (the one --collapse keeps): the earliest published, then the longest cleaned body, then the first by id"}, Value: func(m Member) any { return m.Representative }},
	{Info: record.Info{Name: "id", Kind: record.String, Doc: "the document's id"}, Value: func(m Member) any { return m.Doc.ID }},
	{Info: record.Info{Name: "title", Kind: record.String, Nullable: true, Doc: "the document's title"}, Value: func(m Member) any { return optString(m.Doc.Title) }},
	{Info: record.Info{Name: "publishedAt", Kind: record.Time, Nullable: true, Doc: "publication time"}, Value: func(m Member) any {
		if m.Doc.PublishedAt == nil {
			return nil
		}
		return m.Doc.PublishedAt.Format(time.RFC3339)
	}},
	{Info: record.Info{Name: "provider", Kind: record.String, Nullable: true, Doc: "the provider's name, else its domain"}, Value: func(m Member) any { return optString(ProviderName(m)) }},
	{Info: record.Info{Name: "jaccard", Kind: record.Number, Nullable: true, Doc: "Jaccard similarity of the document's word shingles to the representative's, to 3 decimals (null for the representative)"}, Value: func(m Member) any {
		if m.Similarity == nil {
			return nil
		}
		return round3(m.Similarity.Jaccard)
	}},
	{Info: record.Info{Name: "containment", Kind: record.Number, Nullable: true, Doc: "share of the shorter text's word shingles found in the other's, this document's and the representative's, to 3 decimals (null for the representative)"}, Value: func(m Member) any {
		if m.Similarity == nil {
			return nil
		}
		return round3(m.Similarity.Containment)
	}},
	{Info: record.Info{Name: "reason", Kind: record.String, Nullable: true, Doc: "why the document is in the representative's cluster: url (same normalised URL), body (same cleaned body), near (near duplicate of it) or chain (near or exact duplicate of another member only); null for the representative"}, Value: func(m Member) any { return optString(string(m.Reason)) }},
}

// ProviderName is the member's provider: its name, else its domain.
func ProviderName(m Member) string {
	if m.Doc.Provider.Name != "" {
		return m.Doc.Provider.Name
	}
	return m.Doc.Provider.Domain
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
