//go:build race

package render_test

// raceDetector is true when the tests run under -race, which makes every
// load of a corpus several times slower.
const raceDetector = true
