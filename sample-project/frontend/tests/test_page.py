"""Tests of the jobs page rendering."""

import unittest

from app.page import render_jobs_page, render_unavailable_page


class RenderJobsPageTest(unittest.TestCase):
    def test_lists_queued_and_done_jobs(self):
        page = render_jobs_page([
            {"id": "new", "payload": "c"},
            {"id": "old", "payload": "a b", "result": {"job_id": "old", "words": 2, "upper": "A B"}},
        ])

        self.assertIn("<tr><td>new</td><td>c</td><td>queued</td></tr>", page)
        self.assertIn("<tr><td>old</td><td>a b</td><td>done: 2 words, A B</td></tr>", page)
        self.assertLess(page.index(">new<"), page.index(">old<"))

    def test_escapes_everything_from_the_api(self):
        page = render_jobs_page([{
            "id": "<i>",
            "payload": "<script>alert('x')</script> & \"q\"",
            "result": {"words": "<b>", "upper": "<SCRIPT>"},
        }])

        self.assertNotIn("<script>", page.lower())
        self.assertNotIn("<i>", page)
        self.assertNotIn("<b>", page)
        self.assertIn("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;", page)

    def test_says_when_there_are_no_jobs(self):
        page = render_jobs_page([])

        self.assertIn("No jobs yet.", page)
        self.assertNotIn("<table>", page)

    def test_tolerates_missing_fields(self):
        self.assertIn("<tr><td></td><td></td><td>queued</td></tr>", render_jobs_page([{}]))


class RenderUnavailablePageTest(unittest.TestCase):
    def test_says_the_api_is_unavailable(self):
        page = render_unavailable_page()

        self.assertIn("api unavailable", page)
        self.assertTrue(page.startswith("<!DOCTYPE html>"))


if __name__ == "__main__":
    unittest.main()
