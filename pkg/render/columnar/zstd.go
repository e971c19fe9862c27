package columnar

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// zstdCodec is Parquet's ZSTD codec with encoders sized for pages: a
// page is about 256 KiB, so a larger window only costs memory (the
// library's codec keeps an 8 MiB history per encoder). It keeps one
// encoder per worker that may compress pages at once (see
// ParquetOptions.Workers); EncodeAll and DecodeAll are safe for
// concurrent use.
type zstdCodec struct {
	once sync.Once
	enc  *zstd.Encoder
	dec  *zstd.Decoder
	err  error
}

func (c *zstdCodec) String() string                            { return "ZSTD" }
func (c *zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

func (c *zstdCodec) init() {
	c.enc, c.err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(maxWorkers),
		zstd.WithWindowSize(512<<10), zstd.WithLowerEncoderMem(true), zstd.WithZeroFrames(true), zstd.WithEncoderCRC(false))
	if c.err == nil {
		c.dec, c.err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(maxWorkers))
	}
}

func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	c.once.Do(c.init)
	if c.err != nil {
		return nil, c.err
	}
	return c.enc.EncodeAll(src, dst[:0]), nil
}

func (c *zstdCodec) Decode(dst, src []byte) ([]byte, error) {
	c.once.Do(c.init)
	if c.err != nil {
		return nil, c.err
	}
	return c.dec.DecodeAll(src, dst[:0])
}
