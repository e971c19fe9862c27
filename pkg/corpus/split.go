package corpus

import (
	"bytes"
	"errors"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ErrUnterminated is returned by SplitFrontMatter when a file opens a front
// matter block with "---" and never closes it.
var ErrUnterminated = errors.New("front matter opened with --- on line 1 is never closed")

// Split is a file cut into its front matter and body.
type Split struct {
	// HasFrontMatter is false for plain text; FrontMatter is then nil and
	// Body is the whole file (less a BOM).
	HasFrontMatter bool
	// FrontMatter is the YAML between the fences, without them.
	FrontMatter []byte
	// Body is everything after the closing fence line.
	Body []byte
	// BodyLine is the 1-based line on which Body starts.
	BodyLine int
}

// SplitFrontMatter finds a leading "---" … "---" (or "...") block. A UTF-8
// BOM, trailing blanks on fence lines and CRLF line ends are accepted. The
// front matter always starts on line 2 of the file.
func SplitFrontMatter(data []byte) (Split, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	rest, ok := fenceLine(data, "---")
	if !ok {
		return Split{Body: data, BodyLine: 1}, nil
	}
	start := len(data) - len(rest)
	line := 2
	for off := start; off < len(data); line++ {
		if next, isFence := closingFence(data[off:]); isFence {
			return Split{
				HasFrontMatter: true,
				FrontMatter:    data[start:off],
				Body:           next,
				BodyLine:       line + 1,
			}, nil
		}
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return Split{}, ErrUnterminated
}

// closingFence reports whether b starts with a line that closes front
// matter ("---" or "..."), and returns what follows it. Its first byte
// decides which fence to test: most lines are neither.
func closingFence(b []byte) ([]byte, bool) {
	switch {
	case len(b) == 0:
		return nil, false
	case b[0] == '-':
		return fenceLine(b, "---")
	case b[0] == '.':
		return fenceLine(b, "...")
	}
	return nil, false
}

// fenceLine reports whether b starts with a line holding only fence (plus
// blanks), and returns what follows that line.
func fenceLine(b []byte, fence string) ([]byte, bool) {
	if !bytes.HasPrefix(b, []byte(fence)) {
		return nil, false
	}
	i := len(fence)
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	switch {
	case i == len(b):
		return b[i:], true
	case b[i] == '\n':
		return b[i+1:], true
	case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
		return b[i+2:], true
	case b[i] == '\r' && i+1 == len(b):
		return b[i+1:], true
	}
	return nil, false
}
