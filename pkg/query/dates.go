package query

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// DayOf is the calendar date of t in its own UTC offset, as yyyymmdd: the
// day a document is published on is the one its DATE column shows
// (2020-03-13T23:06-07:00 is the 13th, though it is the 14th in UTC).
func DayOf(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

var (
	relativeDate = regexp.MustCompile(`^(\d{1,5})(d|w|mo|y)$`)
	yearOnly     = regexp.MustCompile(`^\d{4}$`)
	yearMonth    = regexp.MustCompile(`^\d{4}-\d{2}$`)
)

// ParseDateBound reads the value of --since (upper false) or --until
// (upper true). A day (2020-03-13), a month (2020-03) or a year (2020)
// bounds the documents' own calendar dates: --since takes its first day,
// --until its last. A count of days, weeks, months or years back (30d, 2w,
// 6mo, 1y) is the day that long before now, in now's time zone. A time
// (RFC 3339, or a date and time) bounds the moment instead, inclusive
// both ways. Exactly one of day (yyyymmdd) and instant is set.
func ParseDateBound(s string, upper bool, now time.Time) (day int, instant *time.Time, err error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, nil, errors.New("needs a date: 2020-03-13, 2020-03, 2020, 30d, 1y or an RFC 3339 time")
	case relativeDate.MatchString(s):
		m := relativeDate.FindStringSubmatch(s)
		n, _ := strconv.Atoi(m[1])
		t := now
		switch m[2] {
		case "d":
			t = t.AddDate(0, 0, -n)
		case "w":
			t = t.AddDate(0, 0, -7*n)
		case "mo":
			t = t.AddDate(0, -n, 0)
		case "y":
			t = t.AddDate(-n, 0, 0)
		}
		return DayOf(t), nil, nil
	case yearOnly.MatchString(s):
		y, _ := strconv.Atoi(s)
		if upper {
			return y*10000 + 1231, nil, nil
		}
		return y*10000 + 101, nil, nil
	case yearMonth.MatchString(s):
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return 0, nil, fmt.Errorf("%q is not a month", s)
		}
		if upper {
			t = t.AddDate(0, 1, -1) // the month's last day
		}
		return DayOf(t), nil, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return DayOf(t), nil, nil
	}
	t, err := corpus.ParseTime(s)
	if err != nil {
		return 0, nil, fmt.Errorf("%q is not a date: use 2020-03-13, 2020-03, 2020, 30d, 1y or an RFC 3339 time", s)
	}
	if upper {
		t = t.Add(time.Nanosecond) // Until is exclusive; the moment given is in
	}
	return 0, &t, nil
}
