package main

import (
	"bufio"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"time"
)

// event is one line of go test -json (see go doc test2json).
type event struct {
	Time    time.Time
	Action  string // run, pause, cont, pass, fail, skip, output, bench
	Package string
	Test    string
	Elapsed float64 // seconds
	Output  string
}

// pkg is what the events said about one package.
type pkg struct {
	name    string
	start   time.Time
	result  string // pass, fail or skip; empty while the package runs
	elapsed float64
	output  strings.Builder // the lines printed outside any test
	tests   []*test         // in the order they started
	byName  map[string]*test
}

type test struct {
	name    string
	result  string // pass, fail or skip; empty if the test never ended
	elapsed float64
	output  strings.Builder
}

// failedBuild matches the line go test prints, on standard error and not as an event
// (before Go 1.21), for a package it could not build.
var failedBuild = regexp.MustCompile(`^FAIL\t(\S+) \[(build|setup) failed\]$`)

// parser accumulates packages from the lines of go test -json.
type parser struct {
	pkgs   []*pkg
	byName map[string]*pkg
	loose  strings.Builder // lines that were not events since the last package that failed to build
}

// parse reads go test -json output, with its standard error merged in or not. Lines that
// are not events, such as compiler errors, count as the output of the next package that
// failed to build. If echo is not nil, all output is written to it as it is read, which
// gives the text go test -v would have printed.
func parse(r io.Reader, echo io.Writer) ([]*pkg, error) {
	p := parser{byName: make(map[string]*pkg)}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 16<<20) // a test may print long lines
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			e = event{Output: sc.Text() + "\n"}
		}
		if echo != nil && e.Output != "" {
			if _, err := io.WriteString(echo, e.Output); err != nil {
				return nil, err
			}
		}
		if e.Action == "" {
			p.addLoose(e.Output)
		} else if e.Package != "" {
			p.pkg(e.Package, e.Time).add(e)
		}
	}
	return p.pkgs, sc.Err()
}

func (p *parser) pkg(name string, start time.Time) *pkg {
	k := p.byName[name]
	if k == nil {
		k = &pkg{name: name, start: start, byName: make(map[string]*test)}
		p.byName[name] = k
		p.pkgs = append(p.pkgs, k)
	}
	return k
}

func (p *parser) addLoose(line string) {
	p.loose.WriteString(line)
	if m := failedBuild.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil {
		k := p.pkg(m[1], time.Time{})
		k.result = "fail"
		k.output.WriteString(p.loose.String())
		p.loose.Reset()
	}
}

func (k *pkg) add(e event) {
	if e.Test == "" {
		switch e.Action {
		case "output":
			k.output.WriteString(e.Output)
		case "pass", "fail", "skip":
			k.result, k.elapsed = e.Action, e.Elapsed
		}
		return
	}
	t := k.byName[e.Test]
	if t == nil {
		t = &test{name: e.Test}
		k.byName[e.Test] = t
		k.tests = append(k.tests, t)
	}
	switch e.Action {
	case "output":
		t.output.WriteString(e.Output)
	case "pass", "fail", "skip":
		t.result, t.elapsed = e.Action, e.Elapsed
	}
}
