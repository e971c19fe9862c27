package corpus

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// A folder is read in batches of readBatch entries and kept as a listing:
// a folder of a million files costs its names and a few bytes per file
// (see docs/limits.md), not a DirEntry and strings per file.
const readBatch = 1024

// Entry kinds and flags, the low byte of a listing entry.
const (
	kindRegular byte = iota
	kindDir
	kindSymlink
	kindOther // a FIFO, socket or device
	kindMask  = 3

	flagDoc     byte = 4  // the name has a document extension
	flagEscaped byte = 8  // escapeName changes the name
	flagSuspect byte = 16 // the ID may clash (see folderIDs.mark)
)

// A listing entry is one uint64: the name's offset in the arena (36
// bits), its length (20 bits) and its kind and flags (8 bits). The arena
// is blocks that never move, block i at offsets i<<blockBits.
const (
	blockBits   = 20
	maxBlock    = 1 << blockBits
	firstBlock  = 4 << 10
	lenBits     = 20
	offBits     = 36
	maxBlocks   = 1 << (offBits - blockBits)
	maxEntries  = math.MaxUint32 - 1 // positions fit a folderIDs slot
	entryShift  = 8 + lenBits
	maxNameLen  = 1<<lenBits - 1
	lenMask     = 1<<lenBits - 1
	posInBlockM = maxBlock - 1
)

var (
	errNameTooLong    = errors.New("a file name is over 1 MiB")
	errFolderTooLarge = errors.New("folder holds too many names to list")
)

// listing is the entries of one folder worth looking at (folders,
// symlinks, and files with a document extension; not hidden names),
// sorted by name. Its blocks live outside the Go heap where the system
// allows (see allocRaw); free gives them back.
type listing struct {
	blocks   [][]byte // each block's length is the part in use
	ents     []uint64
	frees    []func()
	freeE    func()
	docs     int // entries with flagDoc
	suspects int // entries with flagSuspect
}

// readListing reads the open folder f in batches, keeping the entries
// walker.dir acts on.
func readListing(f *os.File, exts map[string]bool) (*listing, error) {
	l := &listing{}
	for {
		des, err := f.ReadDir(readBatch)
		for _, de := range des {
			name := de.Name()
			if strings.HasPrefix(name, ".") {
				continue // hidden files and folders (.git, .seedscope.yaml)
			}
			var k byte
			switch t := de.Type(); {
			case t.IsRegular():
				k = kindRegular
			case t.IsDir():
				k = kindDir
			case t&fs.ModeSymlink != 0:
				k = kindSymlink
			default:
				k = kindOther
			}
			if exts[strings.ToLower(path.Ext(name))] {
				k |= flagDoc
			} else if k == kindRegular || k == kindOther {
				continue // never a document, never reported
			}
			if !utf8.ValidString(name) || hasHexEscape(name) {
				k |= flagEscaped
			}
			if err := l.add(name, k); err != nil {
				l.free()
				return nil, err
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			l.free()
			return nil, err
		}
	}
	l.sort()
	l.mark()
	return l, nil
}

// add appends a name of the given kind (unsorted).
func (l *listing) add(name string, k byte) error {
	n := len(name)
	switch {
	case n > maxNameLen:
		return errNameTooLong
	case len(l.ents) >= maxEntries:
		return errFolderTooLarge
	}
	last := len(l.blocks) - 1
	if last < 0 || len(l.blocks[last])+n > cap(l.blocks[last]) {
		if len(l.blocks) == maxBlocks {
			return errFolderTooLarge
		}
		size := firstBlock
		if last >= 0 {
			size = min(2*cap(l.blocks[last]), maxBlock)
		}
		b, free := allocRaw(max(size, n))
		l.blocks = append(l.blocks, b[:0])
		l.frees = append(l.frees, free)
		last++
	}
	b := l.blocks[last]
	off := uint64(last)<<blockBits | uint64(len(b))
	l.blocks[last] = append(b, name...)
	if len(l.ents) == cap(l.ents) {
		ents, free := rawUint64s(max(2*cap(l.ents), 256))
		l.ents = append(ents[:0], l.ents...)
		if l.freeE != nil {
			l.freeE()
		}
		l.freeE = free
	}
	l.ents = append(l.ents, off<<entryShift|uint64(n)<<8|uint64(k))
	if k&flagDoc != 0 {
		l.docs++
	}
	return nil
}

func (l *listing) nameOf(e uint64) []byte {
	off := e >> entryShift
	pos := off & posInBlockM
	return l.blocks[off>>blockBits][pos : pos+(e>>8)&lenMask]
}

func (l *listing) len() int               { return len(l.ents) }
func (l *listing) name(i int) []byte      { return l.nameOf(l.ents[i]) }
func (l *listing) kind(i int) byte        { return byte(l.ents[i]) & kindMask }
func (l *listing) has(i int, f byte) bool { return byte(l.ents[i])&f != 0 }
func (l *listing) set(i int, f byte)      { l.ents[i] |= uint64(f) }

func (l *listing) sort() {
	slices.SortFunc(l.ents, func(a, b uint64) int { return bytes.Compare(l.nameOf(a), l.nameOf(b)) })
}

// mark flags the entries whose ID may clash with another's (flagSuspect);
// the others' IDs are their stems, and folderIDs holds nothing for them.
//
// An entry that may be given an ID (a file or symlink with a document
// extension) is plain when its stem holds no '.' and does not end in "~"
// and digits. Every ID given is a stem, a name with its extension (which
// holds a '.') or a stem~N, so a plain stem can only clash with the same
// stem. Two names with the same stem s are "s.x" and "s.y": every name
// sorted between them starts with "s.", and is either "s.z" (stem s) or
// has a stem with a '.', which is not plain. So among plain entries, in
// path order, equal stems are next to each other: a plain entry is a
// suspect when its stem is its plain neighbour's, and every entry that is
// not plain is a suspect. Escaping (escapeName) maps '.', '~' and digits
// to themselves and stems to stems one to one, so the raw names decide.
func (l *listing) mark() {
	prev := -1 // the last plain entry
	for i := range l.ents {
		if !l.has(i, flagDoc) || l.kind(i) == kindDir {
			continue
		}
		name := l.name(i)
		stem := name[:stemLen(name)]
		if bytes.IndexByte(stem, '.') >= 0 || endsInTildeNumber(stem) {
			l.set(i, flagSuspect)
			l.suspects++
			continue
		}
		if prev >= 0 {
			p := l.name(prev)
			if bytes.Equal(p[:stemLen(p)], stem) {
				if !l.has(prev, flagSuspect) {
					l.set(prev, flagSuspect)
					l.suspects++
				}
				l.set(i, flagSuspect)
				l.suspects++
			}
		}
		prev = i
	}
}

// endsInTildeNumber reports whether s ends in "~" and one or more digits,
// the shape of the IDs given on a clash.
func endsInTildeNumber(s []byte) bool {
	i := len(s)
	for i > 0 && '0' <= s[i-1] && s[i-1] <= '9' {
		i--
	}
	return i < len(s) && i > 0 && s[i-1] == '~'
}

// held is the bytes the listing holds, for tests.
func (l *listing) held() int {
	n := cap(l.ents) * 8
	for _, b := range l.blocks {
		n += cap(b)
	}
	return n
}

// free gives the listing's memory back; the listing is empty after.
func (l *listing) free() {
	for _, f := range l.frees {
		f()
	}
	if l.freeE != nil {
		l.freeE()
	}
	*l = listing{}
}

// rawUint64s is allocRaw for n uint64s.
func rawUint64s(n int) ([]uint64, func()) {
	b, free := allocRaw(n * 8)
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), n), free
}

// rawUint32s is allocRaw for n uint32s.
func rawUint32s(n int) ([]uint32, func()) {
	b, free := allocRaw(n * 4)
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), n), free
}

// folderIDs makes the IDs of one folder's files unique exactly as idSet
// would, given the files in path order, while holding a few bytes per
// file instead of a string and map entry: an ID that is its file's stem
// (nearly all of them) is held as the file's position in the listing, in
// an open-addressing table compared against the listing's names; the
// others (a clash's name with its extension, or stem~N) are held as
// strings. IDs are relative to the folder (what follows its path).
type folderIDs struct {
	l      *listing
	seed   maphash.Seed
	slots  []uint32 // position+1 of an entry whose ID is its stem; 0: empty
	mask   uint64
	n      int // entries in slots
	free   func()
	others map[string]struct{}
	next   map[string]int // the last N a stem was given as stem~N
}

func newFolderIDs(l *listing) *folderIDs {
	return &folderIDs{l: l, seed: maphash.MakeSeed()}
}

// release gives the table back.
func (s *folderIDs) release() {
	if s.free != nil {
		s.free()
	}
	*s = folderIDs{}
}

// stemLen is the length of name without its extension (path.Ext).
func stemLen(name []byte) int {
	if i := bytes.LastIndexByte(name, '.'); i >= 0 && bytes.IndexByte(name[i:], '/') < 0 {
		return i
	}
	return len(name)
}

// unique gives entry i, whose escaped name (escapeName) is esc, its ID
// within the folder: its stem, or on a clash its name with the extension,
// then stem~2, stem~3…, the first not given yet, as idSet.unique does.
func (s *folderIDs) unique(i int, esc string) string {
	stem := esc[:len(esc)-len(path.Ext(esc))]
	if !s.l.has(i, flagSuspect) {
		return stem // no other ID can be this one (see listing.mark)
	}
	if !s.taken(stem) {
		s.insert(i, stem)
		return stem
	}
	if !s.taken(esc) {
		s.keep(esc)
		return esc
	}
	// The first free N only grows (IDs are never given back), so the
	// search starts after the last N this stem got: a folder of many
	// clashing names costs linear time.
	for n := max(2, s.next[stem]+1); ; n++ {
		c := stem + "~" + strconv.Itoa(n)
		if !s.taken(c) {
			s.keep(c)
			if s.next == nil {
				s.next = map[string]int{}
			}
			s.next[stem] = n
			return c
		}
	}
}

func (s *folderIDs) keep(id string) {
	if s.others == nil {
		s.others = map[string]struct{}{}
	}
	s.others[id] = struct{}{}
}

func (s *folderIDs) taken(id string) bool {
	if _, ok := s.others[id]; ok {
		return true
	}
	if s.slots == nil {
		return false
	}
	for j := maphash.String(s.seed, id) & s.mask; ; j = (j + 1) & s.mask {
		v := s.slots[j]
		if v == 0 {
			return false
		}
		if s.stemOf(int(v-1)) == id {
			return true
		}
	}
}

// stemOf is the escaped stem of entry i. For a name escapeName leaves
// alone it is a view of the listing's bytes, valid while the listing is
// held: only compared, never kept.
func (s *folderIDs) stemOf(i int) string {
	b := s.l.name(i)
	if s.l.has(i, flagEscaped) {
		e := escapeName(string(b))
		return e[:len(e)-len(path.Ext(e))]
	}
	return unsafe.String(unsafe.SliceData(b), stemLen(b))
}

func (s *folderIDs) insert(i int, stem string) {
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	s.put(uint32(i+1), stem)
	s.n++
}

func (s *folderIDs) put(v uint32, stem string) {
	j := maphash.String(s.seed, stem) & s.mask
	for s.slots[j] != 0 {
		j = (j + 1) & s.mask
	}
	s.slots[j] = v
}

// grow sizes the table for the folder's documents (at most half full),
// or doubles it should more come.
func (s *folderIDs) grow() {
	n := 8
	for n < 2*max(s.l.suspects, s.n+1) {
		n *= 2
	}
	old, oldFree := s.slots, s.free
	s.slots, s.free = rawUint32s(n)
	s.mask = uint64(n - 1)
	for _, v := range old {
		if v != 0 {
			s.put(v, s.stemOf(int(v-1)))
		}
	}
	if oldFree != nil {
		oldFree()
	}
}

// held is the bytes the table holds, for tests.
func (s *folderIDs) held() int { return cap(s.slots) * 4 }
