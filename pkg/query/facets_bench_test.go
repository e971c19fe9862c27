package query

import (
	"strconv"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// manyTopics is one document with n topics: n/2 distinct, each twice in
// another case.
func manyTopics(n int) *corpus.Document {
	d := &corpus.Document{}
	for i := range n / 2 {
		t := "Topic " + strconv.Itoa(i)
		d.Topics = append(d.Topics, t, strings.ToUpper(t))
	}
	return d
}

func TestTopicCounterManyTopics(t *testing.T) {
	c := TopicCounter()
	d := manyTopics(2000)
	c.Add(d)
	c.Add(d)
	rows := c.Facets()
	if len(rows) != 1000 {
		t.Fatalf("%d rows, want 1000", len(rows))
	}
	for _, f := range rows {
		if f.Count != 2 || !strings.HasPrefix(f.Value, "Topic ") {
			t.Fatalf("row %+v", f)
		}
	}
}

// BenchmarkTopicCounterManyTopics: a document with many topics is
// counted in time linear in them.
func BenchmarkTopicCounterManyTopics(b *testing.B) {
	d := manyTopics(20000)
	for b.Loop() {
		c := TopicCounter()
		c.Add(d)
	}
}
