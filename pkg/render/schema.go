package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/dupes"
	"github.com/seedscope/seedscope/pkg/kwic"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/search"
	"github.com/seedscope/seedscope/pkg/terms"
	"github.com/seedscope/seedscope/pkg/validate"
)

// RecordType is one kind of record seedscope prints as JSON, named for
// `seedscope schema`.
type RecordType struct {
	Name string
	// Doc says what the record is and which commands print it.
	Doc    string
	Fields []record.Info
}

// LinkedFromField is the key show's JSON view adds to a document.
var LinkedFromField = record.Info{Name: "linkedFrom", Kind: record.StringList, Doc: "ids of the documents whose related items lead here, in path order, each once"}

// recordTypes are the records of every JSON and NDJSON output, in the
// order `schema` prints them.
var recordTypes = []RecordType{
	{"document", "A document, as list and export print each one.",
		corpus.DocumentFields.Infos()},
	{"show", "A document in full, with the ids of the documents that link to it, as show prints it.",
		DocumentViewFields.Infos()},
	{"link", "A related item as a link from its document, as related prints each one.",
		query.LinkFields.Infos()},
	{"topic", "A topic and the number of documents with it, as topics prints each one.",
		query.TopicFacetFields.Infos()},
	{"provider", "A provider and the number of documents from it, as providers prints each one.",
		query.ProviderFacetFields.Infos()},
	{"stats", "The summary of a corpus, as stats prints it.",
		query.StatsFields.Infos()},
	{"search", "A document found by search, with its score and a snippet, as search prints each one.",
		search.ResultFields.Infos()},
	{"concordance", "A hit of a word or phrase in its context, as concordance prints each one.",
		kwic.LineFields.Infos()},
	{"term", "A word or n-gram and how often it occurs, as terms prints each one.",
		terms.TermFields.Infos()},
	{"keyterm", "A word or n-gram of a selection compared with a reference (keyness), as terms --compare prints each one.",
		terms.KeyTermFields.Infos()},
	{"dupe", "A document of a cluster of duplicates, as dupes prints each one.",
		dupes.MemberFields.Infos()},
	{"count", "The number of documents list --count selects and of the --grep hits in them.",
		query.GrepCountFields.Infos()},
	{"finding", "A problem in a file, as validate --format json prints each one.",
		validate.FindingFields.Infos()},
	{"version", "The build of seedscope, as version --format json prints it.",
		buildinfo.Fields.Infos()},
}

// RecordTypes returns the records `schema` describes, in order.
func RecordTypes() []RecordType { return slices.Clone(recordTypes) }

// RecordNames returns the names of the records `schema` describes.
func RecordNames() []string {
	out := make([]string, len(recordTypes))
	for i, r := range recordTypes {
		out[i] = r.Name
	}
	return out
}

// LookupRecordType returns the record named name.
func LookupRecordType(name string) (RecordType, bool) {
	for _, r := range recordTypes {
		if r.Name == name {
			return r, true
		}
	}
	return RecordType{}, false
}

// Schema is the record's JSON Schema (draft 2020-12), generated from its
// field table.
func (r RecordType) Schema() record.Schema {
	return record.RecordSchema(r.Name, r.Doc, r.Fields)
}

// AllSchemas is one JSON Schema holding every record's under $defs, by
// name ("#/$defs/link"). It accepts any record.
func AllSchemas() record.Schema {
	defs := make(record.Schema, len(recordTypes))
	refs := make([]record.Schema, len(recordTypes))
	for i, r := range recordTypes {
		defs[i] = record.Member{Key: r.Name, Value: record.DefSchema(r.Name, r.Doc, r.Fields)}
		refs[i] = record.Schema{{Key: "$ref", Value: "#/$defs/" + r.Name}}
	}
	return record.Schema{
		{Key: "$schema", Value: record.Dialect},
		{Key: "title", Value: "seedscope records"},
		{Key: "description", Value: "The records seedscope prints as JSON, under $defs by name: " + strings.Join(RecordNames(), ", ") + "."},
		{Key: "anyOf", Value: refs},
		{Key: "$defs", Value: defs},
	}
}

// WriteSchema writes the JSON Schema of the record named name, or, when
// name is empty, AllSchemas. Only json is written.
func WriteSchema(w io.Writer, f Format, name string, o Options) error {
	if f != JSON {
		return fmt.Errorf("a schema cannot be written as %s", f)
	}
	if name == "" {
		return writeObject(w, f, AllSchemas(), o.JSON)
	}
	r, ok := LookupRecordType(name)
	if !ok {
		return fmt.Errorf("no record %q (records are %s)", name, strings.Join(RecordNames(), ", "))
	}
	return writeObject(w, f, r.Schema(), o.JSON)
}
