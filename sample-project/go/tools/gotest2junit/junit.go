package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The Surefire XML schema, as far as this tool writes it.
type (
	xmlSuites struct {
		XMLName xml.Name   `xml:"testsuites"`
		Suites  []xmlSuite `xml:"testsuite"`
	}
	xmlSuite struct {
		XMLName   xml.Name  `xml:"testsuite"`
		Name      string    `xml:"name,attr"`
		Tests     int       `xml:"tests,attr"`
		Failures  int       `xml:"failures,attr"`
		Errors    int       `xml:"errors,attr"`
		Skipped   int       `xml:"skipped,attr"`
		Time      string    `xml:"time,attr"`
		Timestamp string    `xml:"timestamp,attr,omitempty"`
		Cases     []xmlCase `xml:"testcase"`
	}
	xmlCase struct {
		Classname string      `xml:"classname,attr"`
		Name      string      `xml:"name,attr"`
		Time      string      `xml:"time,attr"`
		Failure   *xmlFailure `xml:"failure,omitempty"`
		Skipped   *xmlSkipped `xml:"skipped,omitempty"`
	}
	xmlFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Output  string // see MarshalXML
	}
	xmlSkipped struct {
		Message string `xml:"message,attr,omitempty"`
	}
)

// MarshalXML writes the output as a CharData token, which keeps its line breaks as they
// are, for people reading the file; a ",chardata" field would write them as &#xA;.
func (f xmlFailure) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "message"}, Value: f.Message},
		{Name: xml.Name{Local: "type"}, Value: f.Type},
	}
	for _, t := range []xml.Token{start, xml.CharData(f.Output), start.End()} {
		if err := e.EncodeToken(t); err != nil {
			return err
		}
	}
	return nil
}

// packageCase names the test case that stands for a package failing outside its tests
// (a build error, a panic in TestMain), so the report does not show it as passed.
const packageCase = "(package)"

// suite turns a package into a test suite, or returns false for a package without
// tests that did not fail (go test reports those as skipped: "no test files").
func suite(p *pkg) (xmlSuite, bool) {
	s := xmlSuite{Name: p.name, Time: seconds(p.elapsed)}
	if !p.start.IsZero() {
		s.Timestamp = p.start.UTC().Format("2006-01-02T15:04:05")
	}
	failedTests := false
	for _, t := range p.tests {
		c := xmlCase{Classname: p.name, Name: t.name, Time: seconds(t.elapsed)}
		switch t.result {
		case "pass":
		case "skip":
			c.Skipped = &xmlSkipped{Message: messageOr(t.output.String(), "")}
			s.Skipped++
		case "fail":
			c.Failure = &xmlFailure{Message: messageOr(t.output.String(), "failed"), Type: "failure", Output: t.output.String()}
		default:
			c.Failure = &xmlFailure{Message: "did not finish", Type: "failure", Output: t.output.String() + p.output.String()}
		}
		if c.Failure != nil {
			s.Failures++
			failedTests = true
		}
		s.Cases = append(s.Cases, c)
	}
	if p.result == "fail" && !failedTests {
		s.Cases = append(s.Cases, xmlCase{
			Classname: p.name,
			Name:      packageCase,
			Time:      seconds(p.elapsed),
			Failure:   &xmlFailure{Message: "the package failed outside its tests", Type: "failure", Output: p.output.String()},
		})
		s.Failures++
	}
	s.Tests = len(s.Cases)
	return s, s.Tests > 0
}

// suites returns the test suites of the packages that have any.
func suites(pkgs []*pkg) []xmlSuite {
	var ss []xmlSuite
	for _, p := range pkgs {
		if s, ok := suite(p); ok {
			ss = append(ss, s)
		}
	}
	return ss
}

// writeXML writes the suites: a single one as the document, as Surefire does, or
// several (or none) in a <testsuites> element.
func writeXML(w io.Writer, suites []xmlSuite) error {
	var v any = xmlSuites{Suites: suites}
	if len(suites) == 1 {
		v = suites[0]
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// messageOr returns the first line a test printed itself, without go test's "=== RUN"
// and "--- FAIL" framing, to serve as a message; or fallback if it printed none.
func messageOr(output, fallback string) string {
	for _, line := range strings.Split(output, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "=== ") && !strings.HasPrefix(line, "--- ") {
			return line
		}
	}
	return fallback
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }
