package render

import (
	"bufio"
	"io"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/render/columnar"
)

// WriteParquet writes the documents each gives to w as one Parquet file
// (see pkg/render/columnar), buffered. The columns are encoded and
// compressed on a goroutine of their own, beside the reading of the
// corpus that each drives.
func WriteParquet(w io.Writer, o columnar.ParquetOptions, each func(write func(*corpus.Document) error) error) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	pw, err := columnar.NewParquetWriter(bw, o)
	if err != nil {
		return err
	}
	p := columnar.NewPipeline(pw)
	if err := each(p.Write); err != nil {
		p.Close()
		return err
	}
	if err := p.Close(); err != nil {
		return err
	}
	return bw.Flush()
}
