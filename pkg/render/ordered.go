package render

import (
	"io"
	"runtime"
	"sync"
)

// A command that holds its records (list and export of a loaded corpus,
// the views) writes them all at once: their output is encoded on every
// core, a chunk of records at a time, and written in order, byte for byte
// what writing them one by one gives. This is the one mechanism every
// record writer that can encode a record on its own uses (Writer's
// streaming formats, --json FIELDS); tables, jq and templates, which read
// all the records or depend on the one before, write one by one.

// appendFunc appends the output of record v to dst: what a writer prints
// for it, first saying whether it is the writer's first record (JSON's
// opening bracket). On an error it returns the error and dst may hold
// part of the record: the caller keeps only what was there before.
type appendFunc[T any] func(dst []byte, v T, first bool) ([]byte, error)

const (
	// orderedChunk is how many records in a row one goroutine encodes:
	// enough that handing chunks around costs little, few enough that
	// the goroutines share even a short list.
	orderedChunk = 64
	// orderedPiece is the output after which a goroutine hands on what it
	// has of a chunk and goes on in another buffer: a chunk of large
	// records is written in pieces, so the output in flight stays near
	// workers × orderedBuffers × orderedPiece bytes whatever the records
	// (plus at most one record's output per buffer).
	orderedPiece = 128 << 10
	// orderedBuffers is each goroutine's buffers: one being filled, the
	// others waiting to be written or being written.
	orderedBuffers = 3
	// orderedBuffer is the room a buffer is made with: a piece and the
	// record that crosses its end, most of the time, so that buffers do
	// not grow (while a command holds a corpus, the collector runs at a
	// small growth of the heap, and each run reads the whole corpus).
	orderedBuffer = orderedPiece + 32<<10
	// maxKeptBuffer: a buffer that grew larger (a huge record) is left to
	// the collector rather than reused.
	maxKeptBuffer = 1 << 20
)

// encodeWorkers is how many goroutines encode records; tests change it.
var encodeWorkers = func() int { return runtime.GOMAXPROCS(0) }

// orderedWorkers is how many goroutines writeOrdered would run for n
// records: at most one per chunk. Below 2, writing them one by one is as
// fast.
func orderedWorkers(n int) int {
	return min(encodeWorkers(), (n+orderedChunk-1)/orderedChunk)
}

// piece is part of a chunk's output, handed from its encoding goroutine
// to the one writing.
type piece struct {
	b    []byte
	last bool // the chunk's last piece
	// err is the encoding error of the record after b's; panicked what an
	// encoder panicked with. Either ends the output.
	err      error
	panicked any
}

// lane is one encoding goroutine's: the pieces it made, in order, and
// the buffers it may fill.
type lane struct {
	out  chan piece
	free chan []byte
}

// writeOrdered writes the output of records to out in order, encoded by
// workers goroutines (at least 2), each with an appendFunc of its own
// from newAppend (its scratch memory is its own). Chunk c of
// orderedChunk records is encoded by goroutine c mod workers, which
// hands its pieces on through its lane; the writing goroutine (the
// caller's) takes the chunks' pieces in order. A goroutine waits for a
// free buffer before filling one, so at most orderedBuffers of each are
// in flight. The first write error or encoding error stops the others and
// is returned, after the output of every record before it; an encoder's
// panic is raised again on the caller's goroutine.
func writeOrdered[T any](out io.Writer, records []T, first bool, workers int, newAppend func() appendFunc[T]) error {
	chunks := (len(records) + orderedChunk - 1) / orderedChunk
	done := make(chan struct{})
	lanes := make([]lane, workers)
	var wg sync.WaitGroup
	for w := range lanes {
		l := lane{out: make(chan piece, orderedBuffers), free: make(chan []byte, orderedBuffers)}
		for range orderedBuffers {
			l.free <- nil
		}
		lanes[w] = l
		enc := newAppend()
		wg.Go(func() { encodeLane(l, done, records, first, w, workers, enc) })
	}
	var err error
	var panicked any
write:
	for c := range chunks {
		l := lanes[c%workers]
		for {
			p := <-l.out
			if p.panicked != nil {
				panicked = p.panicked
				break write
			}
			if _, werr := out.Write(p.b); werr != nil {
				err = werr
				break write
			}
			if cap(p.b) > maxKeptBuffer {
				p.b = nil
			}
			l.free <- p.b[:0]
			if p.err != nil {
				err = p.err
				break write
			}
			if p.last {
				break
			}
		}
	}
	close(done)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return err
}

// encodeLane encodes chunks w, w+workers, w+2×workers… of records into
// l's buffers and hands them on through l.out, until the last chunk, an
// error, or done.
func encodeLane[T any](l lane, done <-chan struct{}, records []T, first bool, w, workers int, enc appendFunc[T]) {
	var b []byte
	take := func() bool {
		select {
		case b = <-l.free:
			if b == nil {
				b = make([]byte, 0, orderedBuffer)
			}
			return true
		case <-done:
			return false
		}
	}
	send := func(p piece) bool {
		select {
		case l.out <- p:
			return true
		case <-done:
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(piece{last: true, panicked: r})
		}
	}()
	for lo := w * orderedChunk; lo < len(records); lo += workers * orderedChunk {
		if !take() {
			return
		}
		hi := min(lo+orderedChunk, len(records))
		for i := lo; i < hi; i++ {
			n := len(b)
			var err error
			var nb []byte
			if nb, err = enc(b, records[i], first && i == 0); err != nil {
				send(piece{b: b[:n], last: true, err: err})
				return
			}
			b = nb
			if len(b) >= orderedPiece && i < hi-1 {
				if !send(piece{b: b}) || !take() {
					return
				}
			}
		}
		if !send(piece{b: b, last: true}) {
			return
		}
		b = nil
	}
}
