"""Indicator mentions in a sentence and which mention each number belongs to."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..text_layout import FIVE_YEAR_PLAN_END
from .lists import (
    _bare_item_after_flow,
    _figure_first_item_after_flow,
    _parts_respectively,
    _regions_respectively,
    _respectively,
    _subjects_and_values,
)
from .numbers import _Number
from .spans import _Mention
from .timeline import years_of_listed_values
from .vocabulary import (
    _MULTI_YEAR_RE,
    AVERAGE_AFTER_RE,
    ELIDED_CONTRACT_VALUE_RE,
    FIRMS_PART_OF,
    FLOW_QUALIFIERS,
    NAME_QUOTES,
    NET_ADDITIONS_OF,
    OWN_REGION_WORDS,
    PER_PERSON_BEFORE_RE,
    PLACE_AFTER_SUCH_AS_RE,
    SEVERAL_PLACES_RE,
    SEVERAL_YEARS_RE,
    SHARE_IDS,
    SHARE_OF,
    SHORT_SHARE_RES,
    STOCK_OF_ADDITIONS,
    STOCK_SO_FAR_RE,
    SUBSET_BEFORE_RE,
    _Catalogue,
    _catalogue,
)

_CLAUSE_BREAK = ",;:"
LEVEL_AFTER_CHANGE = "level after a change (由…下降到…), in the year of the statement"
#: How a value of a 分别 list over a range of years (2015-2018年) is owned: one per year, in order.
RESPECTIVE_YEARS = "分别 over the years of the range, in order"
_FROM_TO_LEVEL = (
    r"(由|从)[^,;:]*\d[^,;:]*(增长|增加|提高|提升|上升|下降|减少|回落|降低|跃升|扩大|缩小|发展|壮大|攀升|增|降)(到|至)了?"
    # "从2017年269家增长到如今1441家": the level now
    r"\s*(如今|目前|现在|现)?(的)?\s*$"
)


_EXAMPLES_OF_RE = re.compile(r"以[^,;:。]{2,40}?为(代表|主体|主|龙头)的|包括[^,;:。]{2,40}?在内的")


_INSTITUTION_KIND = (
    r"(?:工程技术研究中心|企业技术中心|重点实验室|工程研究中心|工程实验室|新型研发机构|企业研究院"
    r"|技术创新中心|产业技术研究院|研发中心)"
)
_LISTED_INSTITUTIONS_RE = re.compile(
    rf"(?:国家级?和)?省级?(?:及)?以上(?:的)?{_INSTITUTION_KIND}(?:\s*[、和及与]\s*{_INSTITUTION_KIND})+"
)


def _mentions(norm: str, cat: _Catalogue) -> list[_Mention]:
    found: list[_Mention] = []
    used = [False] * len(norm)
    patterns: list[tuple[re.Pattern[str], str | None]] = [
        (pattern, share) for share, pattern in SHORT_SHARE_RES.items()
    ]
    patterns += [(_name_pattern(phrase), indicator) for phrase, indicator in cat.phrases]
    for pattern, indicator in patterns:
        for match in pattern.finditer(norm):
            if any(used[match.start() : match.end()]):
                continue
            used[match.start() : match.end()] = [True] * (match.end() - match.start())
            found.append(_Mention(match.start(), match.end(), indicator, norm[match.start() : match.end()]))
    # "省级以上工程技术研究中心、企业技术中心、重点实验室…": two or more kinds of R&D institution listed
    # under one level are the family the catalogue counts (one kind alone is a part of it)
    for match in _LISTED_INSTITUTIONS_RE.finditer(norm):
        if not any(used[match.start() : match.end()]):
            used[match.start() : match.end()] = [True] * (match.end() - match.start())
            found.append(_Mention(match.start(), match.end(), "prov_rd_institutions", match.group(0)))
    # "登记技术合同7941项，成交额210.39亿元": the turnover named without its subject after 技术合同
    for match in ELIDED_CONTRACT_VALUE_RE.finditer(norm):
        named = list(_name_pattern("技术合同").finditer(norm[: match.start()]))
        named += list(_name_pattern("技术市场").finditer(norm[: match.start()]))
        named.sort(key=lambda m: m.start())
        if not any(used[match.start() : match.end()]) and named:
            used[match.start() : match.end()] = [True] * (match.end() - match.start())
            # the contracts of a part ("由企业输出技术合同…，交易金额…") give a part's turnover
            at = named[-1].start()
            part = (
                SUBSET_BEFORE_RE.search(norm[max(0, at - 9) : at])
                or re.search(r"企业的?$", norm[:at])
                # a kind of contract named since (四类技术合同中，技术服务合同…成交额): that kind's turnover
                or re.search(
                    r"技术(开发|服务|转让|咨询|许可)(合同|类)|[两三四]类合同", norm[at : match.start()]
                )
            )
            meant = None if part else "tech_contract_value"
            found.append(_Mention(match.start(), match.end(), meant, match.group(0)))
    # "发明专利申请量为140.1万件，授权量为45.3万件": the grants of the patents just named
    for match in re.finditer(r"(?<=[,、;])\s*(获得?)?授权(量|数)?(?=\s*(为|达到?|共)?\s*\d)", norm):
        named = list(re.finditer(r"(发明)?专利申请", norm[: match.start()]))
        if named and not any(used[match.start() : match.end()]):
            used[match.start() : match.end()] = [True] * (match.end() - match.start())
            meant = "invention_patents_granted" if named[-1].group(1) else None
            found.append(_Mention(match.start(), match.end(), meant, match.group(0)))
    # "专利授权量达879件，其中…发明专利77件": the invention patents among the grants just named
    for match in re.finditer(
        r"其中[,:]?[^,;:\d]{0,16}?(发明专利)(?=(授权)?(量|数)?\s*(为|达到?|共|增至|增加到|增长到|提升至|提高到)?\s*\d)",
        norm,
    ):
        granted = re.search(r"专利(申请)?授权|授权专利", norm[: match.start()])
        if granted and not granted.group(1) and not any(used[match.start(1) : match.end(1)]):
            used[match.start(1) : match.end(1)] = [True] * (match.end(1) - match.start(1))
            found.append(_Mention(match.start(1), match.end(1), "invention_patents_granted", "发明专利"))
    found.sort(key=lambda m: m.start)
    for index, mention in enumerate(found):
        # 国家级/省级 between the qualifier and the name: 净增国家级高新技术企业
        # (also a bare 省/市 after the word before it: 累计培育省科技型中小企业)
        before = re.sub(
            r"(国家级|国家|省级|市级|(?<=[增定批育案])[省市])$",
            "",
            norm[max(0, mention.start - 9) : mention.start],
        )
        # for a batch, also a named level or a batch number: 新增苏州市新型研发机构, 第一批评审通过国家…
        batch_before = re.sub(
            # (备案 of the national register: 新认定国家备案高新技术企业123家)
            # (a bare 省/市 after the batch word: 新认定省科技型中小企业, the province's own list)
            r"(第[一二三四五六七八九十\d]+批|(国家|省|市|县|区)级以上|国家级|国家|省级|市级|县级|区级|备案"
            r"|(?<=[增定批育案])[省市]"
            r"|(?![\u4e00-\u9fff]?(认定|新增|培育|获批|备案))[\u4e00-\u9fff]{2,3}[省市县区]级?)+$",
            "",
            norm[max(0, mention.start - 14) : mention.start],
        )
        clause = re.split(r"[,;:]", norm[: mention.start])[-1]
        # the subject of a clause without one is the sentence's first clause ("长三角四省市表现强劲，技术合同
        # 成交额为…"): several places there make the figure their sum
        head = re.split(r"[,:]", re.split(r";", norm[: mention.start])[-1])[0]
        subjectless = re.fullmatch(r"\s*(全年|共|共计|合计|实现|完成)?\s*", clause) is not None
        previous = found[index - 1].indicator if index else None
        if (
            mention.indicator
            and (
                SUBSET_BEFORE_RE.search(before)
                or AVERAGE_AFTER_RE.match(norm, mention.end)
                # the firms', an industry's or a field's part (五大优势产业技术合同成交额)
                # (also with the time between: "企业当年研发投入1.51亿元")
                or (
                    mention.indicator in FIRMS_PART_OF
                    and re.search(r"(企业|产业|行业|领域)(当年|全年|本年|年度)?的?$", before)
                )
                # 规上高新技术企业: the above-scale ones among them, not all
                or (mention.indicator == "hte_count" and re.search(r"(规上|规模以上)$", before))
                or PER_PERSON_BEFORE_RE.search(norm[max(0, mention.start - 14) : mention.start])
                # "3市全年实现技术合同成交总额…", "其中，湘潭县完成…": places' parts of the total
                or SEVERAL_PLACES_RE.search(clause)
                or (subjectless and head != clause and SEVERAL_PLACES_RE.search(head))
                or PLACE_AFTER_SUCH_AS_RE.search(norm[max(0, mention.start - 16) : mention.start])
                # "百强城市…研发经费投入之和": the sum over a group of units, not the region's own
                or re.match(r"\s*(之和|总和)", norm[mention.end :])
                # 国家级/省级科技创业孵化载体: the carriers recognised at a level, a part of all carriers
                # (also 省级新型研发机构: the catalogue counts new-type R&D institutions of all levels)
                or (
                    mention.indicator in ("shuangchuang_carriers", "new_rd_institutions")
                    and re.search(r"(国家|省|市|区|县)级(以上)?(科技)?$", norm[: mention.start])
                )
            )
        ):
            # 上市/境内/开发区… 高新技术企业: a part of the whole; …均值: an average over units;
            # 每百名研发人员…: a ratio, not the count
            mention.indicator = None
        elif mention.indicator in cat.stocks and re.search(
            r"(?<!\d)(\d{1,2}|[两二三四五六七八九十]+)年(来|间|内)?累计[\u4e00-\u9fff]{0,2}$", before
        ):
            mention.indicator = None  # "五年累计培育…超过2000家": additions over several years, no stock
        elif STOCK_SO_FAR_RE.search(before) or re.search(r"经(重新)?认定$", before):
            pass  # 累计培育/拥有 …, 共有经认定…: the stock as it stands
        elif before.endswith("净增") and mention.indicator in NET_ADDITIONS_OF:
            mention.indicator = NET_ADDITIONS_OF[mention.indicator]
        elif (
            mention.indicator == "tech_smes"
            and before.endswith("通过")
            and re.match(r"\s*(评价|入库)", norm[mention.end :])
        ):
            pass  # "…企业通过科技型中小企业评价": passing the evaluation is what the register counts
        elif (
            mention.indicator == "hte_count"
            and re.search(r"(共有|累计|总计|共计)[^,;:。]{0,10}企业通过$", norm[: mention.start])
            and re.match(r"\s*的?(认定|资格)", norm[mention.end :])
        ):
            pass  # "全省共有1638家企业通过高新技术企业认定": the firms certified so far, the stock
        elif (
            mention.indicator in cat.stocks
            and (
                before.endswith(FLOW_QUALIFIERS)
                # "2023年申报的高新技术企业26家": the applicants, a batch (also 新增的; but 经(重新)认定的…
                # 共15家 are the firms certified, the stock)
                or re.search(r"(申报|推荐|申请|(?<!重)新增|(?<!重)新认定)的$", before)
                or batch_before.endswith(FLOW_QUALIFIERS)
                # the procedure written after the name: "高新技术企业认定73家", "…新认定73家,总数…"
                or re.match(
                    r"\s*(新)?(认定|备案|获批|申报|推荐)(数量?|数)?\s*(为|达到?|共)?\s*\d",
                    norm[mention.end :],
                )
                # "招引科技型企业102家，其中高新技术企业18家": part of a flow, not the stock
                or (before.endswith("其中") and previous is not None and previous not in cat.stocks)
                or _bare_item_after_flow(norm, mention)
            )
        ):
            # the year's additions to a stock: another statistic, but "总数…" after it is the stock
            mention.stock, mention.indicator = mention.indicator, None
        elif (
            mention.indicator not in cat.stocks
            and re.search(r"累计[^,;:]{0,4}$", before)  # 累计实现技术合同成交额
            and _MULTI_YEAR_RE.search(norm)
        ):
            mention.indicator = None  # a total over several years, not one year's flow
    # "以国家高新技术企业、…、科技型中小企业为代表的科技型企业…从250家增长至506家": the names are examples of
    # the wider population named after them, whose figure it is
    for span in _EXAMPLES_OF_RE.finditer(norm):
        for mention in found:
            if span.start() <= mention.start and mention.end <= span.end():
                mention.indicator = None
    found = _totals(norm, found)
    found = _shares(norm, found)
    for index, mention in enumerate(found):
        # "工业企业研发经费投入113.23亿元，研发投入强度2.06%": an intensity opening its clause, after the
        # firms' R&D (another statistic) in the clause before, is the firms' (R&D over their revenue);
        # "工业企业研发经费…所占比重" (no GDP named) is their share of R&D, no share of GDP either
        clause_start = max(norm.rfind(c, 0, mention.start) for c in ",;:") + 1
        firms = found[index - 1] if index else None
        if (
            mention.indicator == "rd_share_gdp"
            and firms is not None
            and firms.indicator is None
            and re.search(r"企业(研发|R&D)", firms.phrase)
            and (not norm[clause_start : mention.start].strip() or re.fullmatch(r"所?占比重", mention.phrase))
        ):
            mention.indicator = None
    shares = [m for m in found if m.indicator in SHARE_IDS]
    # the denominator named inside a share (GDP in 占GDP比重) is not a mention of its own
    found = [
        m for m in found if not any(s is not m and s.start <= m.start and m.end <= s.end for s in shares)
    ]
    found = _definitions(norm, found)
    _respectively(norm, found)
    _regions_respectively(norm, found, cat)
    _parts_respectively(norm, found)
    _subjects_and_values(norm, found)
    return found


@lru_cache(maxsize=512)
# cached: one pattern per catalogue phrase and variant, several hundred, more than the re module keeps
# (its cache holds 512), so without this every sentence recompiled them all (50x slower)
@cache
def _name_pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as written, or with quotation marks inside it (“揭榜挂帅”项目 for 揭榜挂帅项目), or with the
    pinyin glosses some re-posted pages put after characters (技術(shù)合同 for 技术合同)."""
    between = f"(?:[{re.escape(NAME_QUOTES)}]|{_GLOSS})?"
    parts = []
    for char, following in zip(phrase, [*phrase[1:], ""], strict=True):
        parts.append(re.escape(char))
        if not following:
            break
        # a space after a Latin abbreviation is common (R&D 经费, GDP 比重), and so is its Chinese name in
        # brackets (R&D(研究与试验发展)经费投入)
        latin_then_chinese = char.isascii() and char.isalpha() and not following.isascii()
        parts.append(r"\s?(?:\([\u4e00-\u9fff]{2,10}\)\s?)?" if latin_then_chinese else between)
    joined = "".join(parts)
    return re.compile(joined, re.IGNORECASE)


# A pinyin gloss in brackets after a character, as some re-posted pages print them: (shù), (yè), (fā).
_GLOSS = r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"


# Places and times said before a name (全县, 全年, 年末 …): no part of it.
_PLACE_OR_TIME = r"全[省市区县国]|全年|当年|年末|年底"
# Before 总额/总量/总数 in its clause, a name of its own (进出口总额, 利润总额, 营业收入总额): another
# statistic's total, not the one named before. (Times, places and verbs are no name: 全年总量, 全市总数.)
_OWN_NAME_BEFORE_TOTAL_RE = re.compile(
    r"(?<![全我本该其])(?!" + _PLACE_OR_TIME + r"|累计|合计|共计|经济|规模|数量)[\u4e00-\u9fff]{2}$"
)
# The words that open a clause before the name it gives (全县, 我市, 其中 …): stripped to compare whole names.
_PLACE_OR_TIME_LEAD_RE = re.compile(r"^(?:" + _PLACE_OR_TIME + r"|[我本][省市区县]|共有|其中)+")


def _totals(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """Words that stand for a statistic named just before them.

    "净增高新技术企业46家，总数达到312家": 总数/总量 after the additions to a stock is that stock;
    "地区生产总值增长5.8%，总量达到835亿元": after anything else it is the same statistic again;
    "高新技术企业总数305家，净增28家": 净增 + figure after a stock is its net additions, if catalogued.
    """
    out = list(mentions)
    for match in re.finditer(
        r"总数|总量|总面积|总额|净增(长|加)?(?=\d)|(?<=(较|比)上年)(度)?(末)?增加(?=\d)|(全年)?累计(?=(达到|达|为|共|有|已达)?\d)"
        # "2016年…19857家，比2015年增加8752家": the year before named, as 较上年 (checked below)
        r"|(?<=[较比])(?P<before>\d{4})年(末|底)?增加(?=\d)"
        # "净增529家，达1911家", "新增高新技术企业45家，达到312家": the stock the additions reach
        r"|(?<=,)\s*(达到|达)(?=\s*\d)"
        # "…8.7亿元，预计全年完成11亿元", "申报…26家，预计年底可达到54家": the year's figure estimated
        r"|预计(全年|年底|年末)(可|将)?(?=(完成|实现|达到|达|突破|超过|超|为)?\s*\d)",
        norm,
    ):
        previous = [m for m in mentions if m.end <= match.start()]
        if not previous or any(m.start <= match.start() < m.end for m in mentions):
            continue
        last = previous[-1]
        before_total = norm[
            max(last.end, max(norm.rfind(c, 0, match.start()) for c in ",;:") + 1) : match.start()
        ]
        own_name = _OWN_NAME_BEFORE_TOTAL_RE.search(before_total)
        # (企业总数 after 新增高新技术企业…, 投入总量 after 研发经费投入…: the statistic's own words; but
        # 省级科技创新型企业总量 after 高新技术企业…: a longer name of its own that only ends like it)
        whole_name = _PLACE_OR_TIME_LEAD_RE.sub("", before_total)
        other_name = len(whole_name) >= 4 and not (
            last.phrase.endswith(whole_name) or whole_name.endswith(last.phrase)
        )
        if (
            match.group(0).startswith("总")
            and own_name
            and (own_name.group(0) not in last.phrase or other_name)
        ):
            # "…GDP突破14万亿元,进出口总额达9.1万亿元": a total with a name of its own, another statistic
            out.append(_Mention(match.start(), match.end(), None, match.group(0)))
            continue
        if re.search(r"(申报|申请|推荐|认定|新认定|新增|评价)(的)?$", norm[: match.start()]):
            # "全区申报总量达到180家": the total of applications (or of a batch), another statistic
            out.append(_Mention(match.start(), match.end(), None, match.group(0)))
            continue
        if match.group(0).strip() in ("达到", "达"):
            last = max((m for m in out if m.end <= match.start()), key=lambda m: m.end)  # 净增 too
            reached = last.stock or STOCK_OF_ADDITIONS.get(last.indicator or "")
            if reached and re.fullmatch(r"[^,;:]*\d[^,;:]*,", norm[last.end : match.start()]):
                out.append(_Mention(match.start(), match.end(), reached, match.group(0)))
            continue
        if match.group("before") and int(match.group("before")) + 1 not in [
            int(y) for y in re.findall(r"(?<!\d)(\d{4})年", norm[: match.start() - 1])
        ]:
            continue  # "比2010年增加…": a change over several years, no net additions of one
        if match.group(0).endswith("增加"):
            # "高新技术企业117家，较上年增加26家": the stock's net additions, if catalogued; else a change
            # the stock's figure first, in the clause that names it
            stated = re.match(r"[^,;:]*\d", norm[last.end : match.start()])
            meant = NET_ADDITIONS_OF.get(last.indicator or "") if stated else None
            out.append(_Mention(match.start(), match.end(), meant, match.group(0)))
            continue
        if match.group(0).startswith("净增"):  # 净增, 净增长, 净增加
            several = SEVERAL_YEARS_RE.search(norm[max(0, match.start() - 4) : match.start()])
            meant = None if several else NET_ADDITIONS_OF.get(last.indicator or "")
            if several:  # "三年净增13家": additions over several years own their figure
                out.append(_Mention(match.start(), match.end(), None, match.group(0)))
                continue
        elif match.group(0) == "累计":
            if not re.search(r"\d", norm[last.end : match.start()]):
                continue  # "技术合同成交额累计达到…": the name's own wording, read as before
            # "新增…12家，累计达到92家": the running total of additions is the stock; after a flow
            # ("成交额11.4亿元，累计52.3亿元") it sums several years: another statistic, owning its figure
            meant = last.stock or STOCK_OF_ADDITIONS.get(last.indicator or "")
            if meant is None and last.indicator in _catalogue().stocks:
                meant = last.indicator
            out.append(_Mention(match.start(), match.end(), meant, match.group(0)))
            continue
        elif match.group(0).startswith("预计"):
            # the statistic the clauses before named (the stock a batch or applicants add to): its
            # figure to date, if stated, gives way to this one (sentences._sentence_rows)
            meant = last.stock or STOCK_OF_ADDITIONS.get(last.indicator or "") or last.indicator
        else:
            meant = last.stock or STOCK_OF_ADDITIONS.get(last.indicator or "") or last.indicator
            # "研发强度…2.3%，总量…65.05亿元": the amount after a share is its numerator's
            meant = next((n for n, (sh, _, _) in SHARE_OF.items() if sh == meant), meant)
            # "新认定高新技术企业18家，总数达到120家": the certifications (another statistic by its own
            # name) add to the stock their name follows 新认定 with
            certified = re.fullmatch(r"新认定(.+)", last.phrase) if last.indicator is None else None
            if meant is None and certified:
                stock = dict(_catalogue().phrases).get(certified.group(1))
                meant = stock if stock in _catalogue().stocks else None
            # "新增A 5家、B 18家，总数分别达到…": the first total is the first item's only
            opened = max(norm.rfind(c, 0, last.start) for c in ",;:") + 1
            if re.match(r"\s*分别", norm[match.end() :]) and re.search(r"\d", norm[opened : last.start]):
                meant = None
        if meant:  # 全年累计 after a flow: the year's value again
            out.append(_Mention(match.start(), match.end(), meant, match.group(0)))
    return sorted(out, key=lambda m: m.start)


def _shares(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """Turn "<numerator> … 占<denominator>(的)比重" into a mention of the share indicator."""
    out: list[_Mention] = []
    for mention in mentions:
        share = SHARE_OF.get(mention.indicator or "")
        if share is None:
            out.append(mention)
            continue
        share_id, _denominator, short_forms = share
        denominators = "|".join(re.escape(p) for p in sorted(short_forms, key=len, reverse=True))
        # "相当于地区生产总值的3.02%": the ratio written as "equal to … of the denominator"
        # the whole region may be named before the denominator (全市生产总值), an abbreviation in brackets
        # after it (地区生产总值(GDP)); a yearbook row may say 占相当于… or drop the 的
        # (相当于国内生产总值比例)
        whole = "(?:全区|全市|全县|全省|全国)?"
        bracket = r"(?:\([^)]{0,6}\))?"
        tail = re.compile(
            # (占全省比重 is the share of the province's total of the same statistic: another statistic)
            rf"[^;:占]*?(?:的)?(?P<share>占(?:相当于)?(?:全区)?(?:{whole}(?:{denominators}){bracket}[^,;:]{{0,4}}?"
            rf"的?(?:比重|比例|份额)|比重|比)|相当于{whole}(?:{denominators})的?(?:比重|比例)?"
            # "研发经费支出3.3万亿元，与国内生产总值之比达2.64%"
            rf"|与{whole}(?:{denominators}){bracket}之比"
            # "…经费支出17.42亿元，…，占生产总值的1.1%": the share told without 比重, its figure right after
            rf"|占{whole}(?:{denominators}){bracket}的?(?=\s*(?:为|达到?)?\s*\d[\d.]*\s*%))"
        )
        match = tail.match(norm, mention.end)
        if match is None:
            match = _elided_share(norm, mention, mentions, share_id, denominators, whole, bracket)
        if match is None:
            out.append(mention)
            continue
        share_start = match.start("share")
        if share_start == mention.end or (match.group(0)[: share_start - mention.end].strip(", 的") == ""):
            # "研发经费投入占GDP比重": one mention of the share
            out.append(_Mention(mention.start, match.end(), share_id, norm[mention.start : match.end()]))
        else:
            # "研发经费支出20.5亿元，占GDP比重3.1%": the numerator keeps its value, the tail is the share
            out.append(mention)
            if not any(m.start == share_start and m.indicator == share_id for m in out):  # one per place
                out.append(_Mention(share_start, match.end(), share_id, norm[share_start : match.end()]))
    return sorted(out, key=lambda m: m.start)


def _elided_share(
    norm: str,
    mention: _Mention,
    mentions: list[_Mention],
    share_id: str,
    denominators: str,
    whole: str,
    bracket: str,
) -> re.Match[str] | None:
    """ "研发投入达1800亿元,是2010年的2倍;占地区生产总值比重达2.55%", "研发经费投入12.5亿元,投入强度2.61%":
    a clause opening on a share with no statistic of its own (占<denominator>比重, or 强度 for R&D) is the
    share of the statistic the clause before named, also across ";", provided no other statistic is named
    between them. The denominator must be named (a bare 比重 after ; may be anyone's)."""
    opening = rf"占{whole}(?:{denominators}){bracket}[^,;:]{{0,4}}?的?(?:比重|比例)"
    if share_id == "rd_share_gdp":
        opening += r"|(?:经费)?(?:投入|支出)?强度(?![^,;:]{0,6}(企业|营业收入|主营))"
    found = re.compile(rf"[^:占。]*?[,;]\s*(?P<share>{opening})").match(norm, mention.end)
    if found is None or any(mention.end <= m.start < found.start("share") for m in mentions):
        return None
    return found


def _definitions(norm: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "研发经费投入强度(与地区生产总值之比)为2.61%": a bracket right after a share that defines it
    belongs to the share; the statistics named inside it (地区生产总值) are not mentions of their own."""
    out = list(mentions)
    for mention in mentions:
        if mention.indicator not in SHARE_IDS and mention.indicator not in _catalogue().ratios:
            continue
        bracket = re.match(r"\([^()]{0,20}\)", norm[mention.end :])
        if bracket:
            end = mention.end + bracket.end()
            out = [m for m in out if not (mention.end <= m.start < end)]
            mention.end = end
            if re.search(r"营业收入|营业务收入|销售收入", bracket.group(0)):
                # "研究与试验发展经费投入强度(与营业收入之比)为0.52%": the firms' ratio to their revenue,
                # not the region's ratio to GDP
                mention.indicator = None
    return out


def _owner(
    norm: str, number: _Number, mentions: list[_Mention], cat: _Catalogue
) -> tuple[_Mention | None, str]:
    for mention in mentions:
        # "A、B…提高到39.8%和47.5%": each value of the list is its subject's, in order
        if mention.listed and any(start <= number.start < end for start, end in mention.listed[0]):
            spans, own = mention.listed
            if spans[own][0] <= number.start < spans[own][1]:
                return mention, "subjects and values listed, in order"
            return None, ""
    before = [m for m in mentions if m.end <= number.start]
    after = [m for m in mentions if m.start >= number.end]
    clause_start = max(norm.rfind(c, 0, number.start) for c in _CLAUSE_BREAK) + 1
    same_clause = [m for m in before if m.start >= clause_start and not m.taken]
    # "南岗镇认定2家高企、北湖乡认定1家高企", "新增5家研发机构": a figure right before a stock's name
    # whose own words are a flow (认定, 新增 …) counts a batch, not the stock (累计认定… is the stock)
    item = re.split(r"[,;:、]", norm[: number.start])[-1].rstrip(" 了")
    if (
        after
        and after[0].indicator in cat.stocks
        and re.fullmatch(r"(的)?", norm[number.end : after[0].start])
        and item.endswith(FLOW_QUALIFIERS)
        and "累计" not in item
    ):
        return None, ""
    # "拥有312家高新技术企业": a number right before a mention belongs to it, unless its own clause
    # already named what it counts ("新增312家…" is another statistic)
    if after and not same_clause and re.fullmatch(r"(的)?", norm[number.end : after[0].start]):
        if _figure_first_item_after_flow(norm, number.start):
            return None, ""  # "新增14家…中心、20家…、380家高新技术企业": the list's additions
        if re.match(r"\s*(获批|成功|已)?\s*(在[^,;:。]{0,8})?(上市|挂牌)", norm[after[0].end :]):
            return None, ""  # "8家高新技术企业获批在科创板上市": the listed ones, a part
        return (after[0], "figure before the name") if not after[0].taken else (None, "")
    # "2363户企业通过国家科技型中小企业评价": the firms that passed the evaluation are the register's count
    if (
        after
        and not same_clause
        and after[0].indicator == "tech_smes"
        and re.fullmatch(r"\s*企业(通过|完成|进入|纳入)了?(国家|省)?(级)?", norm[number.end : after[0].start])
        and re.match(r"(评价|入库|库)", norm[after[0].end :])
    ):
        return (after[0], "firms that passed the evaluation") if not after[0].taken else (None, "")
    # "全省共有1638家企业通过高新技术企业认定": the firms certified so far, i.e. the stock (without 共有/累计
    # the year's certifications are a batch)
    if (
        after
        and not same_clause
        and after[0].indicator == "hte_count"
        and re.fullmatch(r"\s*企业(通过|获得)了?(国家)?(级)?", norm[number.end : after[0].start])
        and re.match(r"(的)?(认定|资格)", norm[after[0].end :])
        and re.search(r"(共有|累计|总计|共计|共)有?\s*$", item)
    ):
        return (after[0], "firms certified so far (共有…通过认定)") if not after[0].taken else (None, "")
    for mention in reversed(before):
        group = next((m.respectively for m in before if m.respectively and mention in m.respectively), None)
        if group:
            pending = [m for m in group if not m.taken]
            if pending:
                return pending[0], "分别 list, in order"
            return None, ""
        if mention.regions and mention.values < len(mention.regions):
            return mention, "分别 over the regions listed, in order"
        if mention.taken:
            # "2015-2018年,…经费投入分别29.92、29.64…亿元": one value per year of the range named before
            if number.start in years_of_listed_values(norm, mention.end):
                return mention, RESPECTIVE_YEARS
            # "全市高新技术企业585家，其中海州区142家": the same statistic for a region named after the value
            between = norm[mention.end : number.start]
            after_value = re.split(r"\d", re.sub(r"\d{4}年", "年", between))[-1]
            named = [name for name, _ in cat.regions] + list(OWN_REGION_WORDS)  # 全市…52.3%，我区为66.1%
            if any(name in after_value for name in named):
                return mention, "same statistic, for the region named before the figure"
            # "总数达到353家，在2015年57家的基础上翻了三番": the base, the same statistic in its year
            if re.search(r"[,;]\s*(在|比|较)\s*\d{4}年(底|末)?的?\s*$", between) and re.match(
                r"\s*的?基础上", norm[number.end :]
            ):
                return mention, "same statistic, the base in the year named before the figure"
            # "增长至17012家，较2016年的6938家增幅为145.2%": the base of the comparison, in its year
            if re.search(r"[,;]\s*(较|比|相比|与)\s*\d{4}年(底|末)?的\s*$", between):
                stock = STOCK_OF_ADDITIONS.get(mention.indicator or "")  # (…增加31家，较2020年的96家)
                compared = next((m for m in reversed(before) if stock and m.indicator == stock), mention)
                return compared, "same statistic, the base of a comparison in the year named before it"
            # "从2020年的2.9%提高到2024年的3.75%": the same statistic in another year
            # (also "增长到了去年的1.6万家": 了, and a relative year)
            if re.search(r"(到|至)了?\s*(\d{4}年|去年|上年|前年|今年|本年)(底|末)?的?\s*$", between):
                return mention, "same statistic, for the year named before the figure"
            # "由上年的3.1%下降到2.9%": the level a change went to, in the year of the statement
            if re.search(_FROM_TO_LEVEL, between):
                return mention, LEVEL_AFTER_CHANGE
            # "去年为3.62%，今年达到3.75%": a later clause naming another year
            if re.search(
                r",\s*(而|但|其中|另外)?\s*(\d{4}年|今年|去年|上年|本年|过去一年)[^,;:]{0,6}$", between
            ):
                return mention, "same statistic, for the year named before the figure"
            # "北京(6.73%)、上海(4.34%)…": one value per unit listed after the statistic, in brackets
            if re.fullmatch(r"[%‰]?\)\s*[、,和及与]\s*[^\d,;:()]{1,8}\(", after_value):
                return mention, "same statistic, one value per unit listed in brackets"
            # "在“十二五”末首次突破7%,并在“十三五”末继续提升到7.14%": the same statistic at a plan
            # period's end
            if re.search(FIVE_YEAR_PLAN_END + r"[^,;:\d]{0,10}$", between):
                return mention, "same statistic, for the plan period's end named before the figure"
            # "由2021年的131家增长到2022年的162家、2023年的207家": a series, one value per year
            if re.search(r"[、,]\s*(再到|再|和|及)?\s*\d{4}年(底|末)?的?\s*$", between):
                return mention, "same statistic, for the year named before the figure"
            # "突破800亿元，达到806.2亿元": the exact figure after a bound replaces it
            if mention.bounded and re.search(r",\s*(达到|达|为|共计|共)\s*$", after_value):
                return mention, "exact figure after a bound"
            return None, ""
        return mention, ""
    return None, ""
