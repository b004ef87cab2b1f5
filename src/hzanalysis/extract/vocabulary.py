"""The extractor's vocabulary: one-for-one normalisation, the catalogue's synonyms and regions, and the
statistics that share words with catalogue indicators (they own their numbers)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import catalogue
from ..observations import load_indicators, load_regions

# Full-width ASCII to ASCII and a few traditional characters seen in re-posted pages: one character for one.
# Traditional characters of the statistical vocabulary (re-posted pages), traditional then simplified.
_TRADITIONAL_PAIRS = (
    "發发億亿萬万術术業业產产額额專专權权數数與与資资費费範范圍围單单計计劃划標标實实現现達达區区縣县"
    "國国類类統统門门關关際际東东雲云連连贛赣鎮镇報报網网傳传凈净強强為为爲为佔占規规總总級级構构機机體体創创載载積积淨净於于項项獲获請请個个經经務务學学園园"
    "開开員员從从長长較较點点內内營营過过將将爭争確确聯联設设備备養养預预齊齐躍跃試试"
    "驗验屬属認认證证檢检測测價价會会議议對对導导優优勢势轉转讓让許许頭头貿贸購购屆届環环觀观電电農农醫医藥药"
    # more of the words of news and work reports on re-posted traditional pages (相當于, 擁有量, 穩步壯大 ...)
    "當当擁拥們们說说並并來来這这龍龙戰战興兴塊块歲岁據据廣广陝陕蘇苏遼辽寧宁廈厦賽赛訊讯記记鄉乡續续穩稳壯壮擴扩戶户"
    "態态結结錄录線线紀纪貨货條条應应極极層层藝艺節节論论識识團团圖图歷历曆历練练歸归離离難难顯显響响題题願愿風风"
    "飛飞麗丽黃黄減减滿满漲涨濟济災灾無无熱热燈灯狀状獨独畢毕盡尽監监盤盘眾众礎础禮礼稅税種种競竞筆笔築筑簽签糧粮"
    "紅红細细終终組组絡络給给綜综維维綠绿緊紧績绩織织繼继義义聲声職职腦脑華华蘭兰處处號号衛卫補补製制複复視视親亲"
    "覺觉訂订詳详誌志誤误調调談谈諮咨謀谋護护讀读變变財财貢贡責责賣卖贏赢趨趋車车軌轨軍军軟软輪轮輸输邁迈運运遠远"
    "選选還还邊边釋释鋼钢錢钱鍵键閉闭間间陽阳隊队階阶隨随險险雙双雜杂靜静順顺領领頻频顧顾館馆驅驱魚鱼齡龄幣币湧涌"
    "準准講讲覽览負负復复審审"
    # 約 before a figure or a share (研發經費支出約4600億元, 約佔GDP的2.5%): approximate, as 约
    "約约"
    # the procedures firms go through (申報推薦, 參與評價, 註冊, 入庫): applicants are told from the certified
    "薦荐評评註注參参庫库"
)
_NORMALISE = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "、": "、",
        "﹪": "%",
        "（": "(",
        "）": ")",
        **{_TRADITIONAL_PAIRS[i]: _TRADITIONAL_PAIRS[i + 1] for i in range(0, len(_TRADITIONAL_PAIRS), 2)},
    }
)

# Statistics that are not catalogue indicators but share words with them: they own their numbers.
OTHER_STATISTICS: tuple[str, ...] = (
    "新认定高新技术企业",
    "新认定国家高新技术企业",
    "新认定高企",
    # a province's or city's own list of high-tech firms, beside the national one the catalogue counts
    # ("国家级高新技术企业142家,省级高新技术企业53家")
    "省级高新技术企业",
    "市级高新技术企业",
    # a province's list of agricultural high-tech firms (自治区农业高新技术企业2家), not the national one
    "农业高新技术企业",
    # a province's own register of tech SMEs (省级科技型中小企业总量达到5101家), alone or summed with the
    # national one (国家级、省级科技型中小企业入库1318家): not the national evaluation's count
    # (not 省科技型中小企业: 湖北省科技型中小企业 is a province's national count)
    "省级科技型中小企业",
    "国家级、省级科技型中小企业",
    "国家级和省级科技型中小企业",
    "高新技术企业申报",
    "高企申报",
    "高新技术企业培育",
    "高企培育",
    "入库培育",
    "高新技术企业产值",
    "高新技术企业营业收入",
    "专利申请",
    "发明专利申请",
    "专利授权",
    "有效发明专利授权量",  # the valid stock, not the year's grants
    "有效发明专利",
    "有效专利",
    "企业研发投入强度",
    "企业研发强度",
    "工业企业研发投入强度",
    "企业研发经费",
    # a part of the economy (数字经济总量, 民营经济增加值 …), never the GDP named 经济总量
    "数字经济总量",
    "数字经济规模",
    "数字经济增加值",
    "海洋经济总量",
    "海洋生产总值",
    "民营经济总量",
    "民营经济增加值",
    "非公有制经济增加值",
    "县域经济总量",
    # per head, never the total (人均生产总值为82304元 read as GDP made 0.000823 亿元 of it)
    "人均地区生产总值",
    "人均生产总值",
    "人均GDP",
    "人均研发经费",
    # per area (单位面积GDP17.68亿元 is GDP per square kilometre, 地均…), never the total
    "单位面积GDP",
    "单位面积地区生产总值",
    "单位面积生产总值",
    "地均GDP",
    "地均地区生产总值",
    "地均生产总值",
    # taxes paid (上交税额由…增加到2.3万亿) own their amounts: not an R&D or output figure named before them
    "上交税额",
    "上缴税额",
    "上缴税金",
    "实缴税金",
    "纳税总额",
    "税收收入",
    # R&D by type of activity (the statistics' own breakdown): each a part of the whole R&D spending
    "基础研究经费",
    "应用研究经费",
    "试验发展经费",
    "企业R&D经费",  # the firms' part of the region's R&D ("企业R&D经费投入完成2.66亿元，占GDP比重0.78%")
    "研发人员",
    "研发机构数占比",
    "科技型中小企业评价入库数占",
    "工业增加值",
    # industrial output (工业生产总值17.5万亿元): the value of goods made, not the GDP (生产总值)
    "工业生产总值",
    "规上工业增加值",
    "一般公共预算收入",
    "固定资产投资",
    "营业收入",
    # a kind of technology contract is a part of all contracts (技术服务合同以3684亿元成交额居首)
    "技术开发合同",
    "技术服务合同",
    "技术转让合同",
    "技术咨询合同",
    "技术许可合同",
    "两类合同",
    "三类合同",
    "四类合同",
    # per-resident forms of a flow (每万人口发明专利授权量 is not the year's grants)
    "每万人口发明专利授权量",
    "每万人发明专利授权量",
    "万人发明专利授权量",
    # reserve pools and applications are not the stock of certified enterprises
    "高新技术企业后备库",
    "高新技术企业后备",
    "高企后备库",
    "高企后备",
    "高新技术企业培育库",
    "高企培育库",
    # agricultural high-tech enterprises (a province's own class), not the nationally certified ones
    "农业高新技术企业",
    "农高企",
)
#: Kinds of firm that make a count or amount of firms a part of the region's (listed, foreign-owned,
#: state-owned …), wherever they stand: before the statistic (:data:`SUBSET_BEFORE_RE`), right before its
#: name (``scope._FIRM_KIND_RE``) or after its figure (``filters._KIND_AFTER_RE``). One list: a new kind
#: reaches all three.
FIRM_KINDS = "上市|挂牌|境内|境外|国内|国外|外资|民营|国有"
# Right before a catalogue statistic, these make it a part of the whole (listed firms, a development zone or
# park inside the region): another statistic, never the region's total.
SUBSET_BEFORE_RE = re.compile(
    rf"({FIRM_KINDS}|规上企业|规模以上企业|工业企业|制造业"
    r"|开发区|园区|产业园|经济区|街道|乡镇|镇|乡|片区|[元人家]以上的|[元人家]以下的"
    # the contracts that involve intellectual property (涉及知识产权的技术合同成交额): a subset of all
    r"|涉及知识产权|知识产权类"
    # a sector's part (全省高校技术合同成交额) and the part flowing to or absorbed from elsewhere
    r"|高校|高等学校|高等院校|科研院所|科研机构|研究机构|(流向|吸纳|输出到?)[^,;:]{0,6}"
    # a number of zones ("169个高新区生产总值", "16个高新区…高新技术企业"): their sum, a part of the region
    r"|\d+个(国家级|省级)?(高新区|开发区|经开区|园区|高新技术产业开发区)[^,;:]{0,6}"
    # the firms in incubation (孵化器在孵科技型中小企业) and a ranked list (百强高新技术企业): parts
    r"|在孵|百强|十强|\d+强"
    # a size class with its sector (超亿元工业高新技术企业40家): the firms above a turnover, a part
    r"|(超|上)亿元?(工业|制造业)?|亿元以上的?(工业|制造业)?)"
    # (also "among them": 规模以上工业企业中高新技术企业数量达到586家)
    r"(的|中)?(国家级|国家|省级|市级|有效)?$"
)
# In the clause before a statistic, a number of places ("3市全年实现…", "5地输出…合计") makes it their sum,
# a part of the region's total.
# A handful only: "167个县(市、区)高新技术企业总数" is every county of a province, the whole.
SEVERAL_PLACES_RE = re.compile(
    r"(?<![\d.])([2-9]|[两三四五六七八九])个?(市|地|县|区|省|市州|县区|县市区|镇|街道)(?![级\d])"
)
# "其中，湘潭县完成技术合同成交额…": a named place after 其中 is a part of the total before it.
PLACE_AFTER_SUCH_AS_RE = re.compile(
    r"其中[,:]?\s*(?![全我本该])[\u4e00-\u9fff]{1,6}(县|区|市|镇|乡|街道)[\u4e00-\u9fff]{0,4}$"
    # "其中厦门2013年高新技术产业产值…": a short name, then its year, before the statistic
    r"|其中[,:]?\s*(?![全我本该])[\u4e00-\u9fff]{2,3}\d{4}年$"
)
# A sentence that opens a breakdown ("分活动主体看，…", "从技术交易类型看，…", "按技术领域统计，…"): its
# figures and those of the rest of its paragraph are parts of a total, never the region's figure.
# ("从区域经济规模看，…" looks at the whole: only 分/按 take a size or place as the dimension.)
BREAKDOWN_RE = re.compile(
    r"^\s*[一二三四五六七八九十\d]*[、.)]?\s*(?:(?:分|按)[^,;:。]{0,10}"
    r"(?:类型|主体|行业|地区|领域|镇街|区域|县区|县\(市、区\)|规模|性质|来源|部门|门类)"
    r"|从[^,;:。]{0,8}(?:类型|主体|行业|领域|来源|部门|门类))(?:来)?(?:看|统计|分)"
)
# Amounts that firms are a part of: "高新企业技术合同成交金额" is the firms' share, not the region's total.
FIRMS_PART_OF = frozenset({"tech_contract_value", "rd_expenditure", "invention_patents_granted"})
# "各城市研发投入强度均值", "技术合同成交额平均值": an average over units, not the region's figure.
AVERAGE_AFTER_RE = re.compile(r"(均值|平均值|平均水平|中位数)")
# "每百名研发人员发明专利授权量", "平均每名研发人员获得授权发明专利": a ratio per person, not the count.
PER_PERSON_BEFORE_RE = re.compile(r"(每|人均|平均每)[^,;:。]{0,6}(人员|名|人)[^,;:。]{0,6}$")
# Names bulletins and news use beyond the catalogue's synonyms (national and other regions' wording).
EXTRA_PHRASES: dict[str, tuple[str, ...]] = {
    "rd_expenditure": (
        "研究与试验发展(R&D)经费支出",
        "研究与试验发展(R&D)经费投入",
        "研究与试验发展(R&D)经费",
        "研究与试验发展经费支出",
        "研究与试验发展经费投入",
        "研究与试验发展经费",
        "R&D经费内部支出",
        "R&D经费",
        # 研发支出 as ministers and news say it ("全社会研发支出达2.17万亿元")
        "全社会研发支出",
        "研发支出",
        # R&D for 研发 in the catalogue's 研发投入 ("全社会R&D投入达到5.06亿元")
        "全社会R&D投入",
        "R&D投入",
        # and R&D for 研发 in 研发支出 ("全社会R&D支出占GDP的比重达3.16%")
        "全社会R&D支出",
        "R&D支出",
    ),
    "tech_contract_value": (
        "技术市场交易额",
        "技术市场实现交易额",
        "技术合同成交总额",
        "技术交易额",
        # yearbooks' 经认定登记的技术成交金额 (the contracts left unsaid)
        "技术成交金额",
        "技术成交额",
    ),
    "rd_share_gdp": ("R&D经费支出强度", "研发经费支出强度", "全社会研发强度", "研发强度"),
    # GDP as work reports say it ("全区经济总量达到835亿元", "经济增速5%左右,总量为5.3万亿元左右"): the growth
    # is a change (never a row); the 总量 after it is the GDP (mentions._totals)
    "gdp": ("经济总量", "经济增速", "经济增长"),
    "hitech_output_value": (
        "高新技术产值",
        # the verb inside the name ("高新技术产业实现总产值801.2亿元", "…完成产值…")
        "高新技术产业实现总产值",
        "高新技术产业实现产值",
        "高新技术产业完成总产值",
        "高新技术产业完成产值",
    ),
    # the verb 拥有 written inside the name ("每万人拥有有效发明专利108件")
    "invention_patents_per_10k": (
        "每万人拥有有效发明专利",
        "每万人口拥有有效发明专利",
        "每万人拥有发明专利",
        "每万人口拥有发明专利",
        "万人拥有有效发明专利",
        "万人拥有发明专利",  # 万人拥有发明专利数达106.7件
    ),
    # platforms recognised at provincial level or above, as cities count their R&D institutions
    "prov_rd_institutions": ("省级以上科技创新平台", "省级以上创新平台"),
    # the torch centre's name for incubators, maker spaces and accelerators together (全国创业孵化载体13206家,
    # 创业孵化机构总数11808家); 科技企业孵化器 alone is one kind of them
    "shuangchuang_carriers": ("创业孵化载体", "创业孵化机构"),
}
# "累计培育国家高新技术企业58家": the firms grown so far, i.e. the stock (not the year's additions).
STOCK_SO_FAR_RE = re.compile(r"(累计培育|累计拥有|共有|拥有)$")
# "三年净增13家", "两年来新增": additions over several years, never one year's (较2016年净增 compares with
# one year: a four-digit year is no count of years).
SEVERAL_YEARS_RE = re.compile(r"(?<!\d)(\d{1,2}|[两二三四五六七八九十]+)年(来|间|内)?$")
# Before a stock (高新技术企业, 研发机构 ...), these words make it the year's additions, not the stock.
FLOW_QUALIFIERS: tuple[str, ...] = (
    "新增",
    "认定",  # 累计认定高新技术企业460家次: certifications, renewals included
    "申报",  # 推荐申报高新技术企业126家: applications
    "推荐",
    "新认定",
    "新建",
    "新获批",
    "获批",
    "新引进",
    "新培育",
    "新备案",  # 新备案科技型中小企业856家: the year's filings, a batch
    "培育",
    "净增",
    "新",
    "新发展",  # 新发展省级以上工程技术研究中心…37家: additions (组建创新联合体6个 is the count built)
    "通过",  # 评审通过/认定通过高新技术企业90家: a batch certified, not the stock
    # firms going through a procedure are applicants, whatever its outcome: 参与评价/参评科技型中小企业1843家,
    # 新注册科技型中小企业540家 (registered to be evaluated), 申请认定…
    "参与评价",
    "参加评价",
    "参评",
    "注册",
    "申请",
)
# Before a flow, 累计 in a sentence spanning years (…以来, 十四五期间) makes it a multi-year total.
_MULTI_YEAR_RE = re.compile(r"以来|年来|期间|十四五|十三五|\d{4}\s*[-—~至到]\s*\d{4}")
# "<numerator>占比" without the denominator (全社会R&D占比, 研发投入占比, 高新技术产业占比): the share.
SHORT_SHARE_RES: dict[str, re.Pattern[str]] = {
    "rd_share_gdp": re.compile(r"(?:全社会)?(?:R&D|研发)(?:经费)?(?:投入|支出)?占比", re.IGNORECASE),
    "hitech_output_share": re.compile(r"高新技术产业(?:产值)?占比"),
    # the ways the turnover of technology contracts is written around the registration (技术合同认定登记
    # 成交额, 技术合同成交总金额, "技术合同登记22.9亿元" with the amount right after it)
    "tech_contract_value": re.compile(
        r"技术合同(?:认定)?(?:登记)?(?:(?:成交|交易)(?:总)?(?:金)?额|(?:总)?金额)"
        r"|技术合同(?:认定)?登记(?:总)?额|技术合同(?:认定)?登记(?=\s*(?:达到|达|为|实现)?\s*\d[\d.,]*\s*(?:亿|万)元)"
    ),
}
# After 技术合同 (登记技术合同7941项，) the turnover is often written without its subject: "成交额210亿元".
ELIDED_CONTRACT_VALUE_RE = re.compile(r"(?:合同)?(?:成交|交易)(?:总)?(?:金)?额")
# Quotation marks a name may carry inside a sentence (实施“揭榜挂帅”项目): skipped when matching names.
NAME_QUOTES = "“”\"‘’'「」"
# A share written as "<numerator> ... 占<denominator>(的)比重": the numerator's id and the denominator's
# phrases (the catalogue synonyms of the denominator plus the short forms bulletins use).
SHARE_OF: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "rd_expenditure": ("rd_share_gdp", "gdp", ("地区生产总值", "国内生产总值", "GDP", "生产总值")),
    "hitech_output_value": (
        "hitech_output_share",
        "above_scale_industrial_output",
        (
            "规模以上工业产值",
            "规上工业产值",
            "规上工业总产值",
            "规模以上工业总产值",
            "规上工业",
            "规模以上工业",
            # a zone's or county's 占工业总产值 (all its industry; above-scale firms make nearly all of it)
            "工业总产值",
            "工业产值",
        ),
    ),
}
# Catalogue flows that are the yearly additions to a catalogue stock.
STOCK_OF_ADDITIONS: dict[str, str] = {"hte_net_new": "hte_count"}
NET_ADDITIONS_OF: dict[str, str] = {stock: flow for flow, stock in STOCK_OF_ADDITIONS.items()}
SHARE_IDS = frozenset(share for share, _, _ in SHARE_OF.values())
# Words that name a region relative to the one extracted for: the city it is or lies in (全市, 我市, 本市)
# and that city's high-tech zone (高新区). The catalogue maps each to itself; :func:`relative_region` names
# the region.
RELATIVE_REGION_WORDS: tuple[str, ...] = ("全市", "我市", "本市", "高新区")
OWN_REGION_WORDS: tuple[str, ...] = ("全区", "我区", "本区")


@dataclass(frozen=True)
class _Catalogue:
    units: dict[str, str]
    names: dict[str, str]
    stocks: frozenset[str]
    ratios: frozenset[str]  # shares and per-resident figures (flow_or_stock = ratio)
    phrases: tuple[tuple[str, str | None], ...]  # (normalised phrase, indicator or None), longest first
    regions: tuple[tuple[str, str], ...]  # (normalised name, region id), longest first


@lru_cache(maxsize=1)
def _catalogue() -> _Catalogue:
    indicators = load_indicators()
    units = dict(zip(indicators["id"], indicators["unit"], strict=True))
    names = dict(zip(indicators["id"], indicators["name_zh"], strict=True))
    phrases: dict[str, str | None] = {p.translate(_NORMALISE): None for p in OTHER_STATISTICS}
    synonyms = indicators["synonyms"] if "synonyms" in indicators else [""] * len(indicators)
    for ident, name, extra in zip(indicators["id"], indicators["name_zh"], synonyms, strict=True):
        for phrase in [name, *str(extra).split(";"), *EXTRA_PHRASES.get(ident, ())]:
            for variant in _rd_variants(phrase.strip().translate(_NORMALISE)):
                phrases.setdefault(variant, ident)
    region_names = {r.translate(_NORMALISE): r for r in load_regions()["id"]}
    region_names.update({word: word for word in RELATIVE_REGION_WORDS})
    return _Catalogue(
        units=units,
        names=names,
        stocks=frozenset(indicators.loc[indicators["flow_or_stock"] == "stock", "id"]),
        ratios=frozenset(indicators.loc[indicators["flow_or_stock"] == "ratio", "id"]),
        phrases=tuple(sorted(phrases.items(), key=lambda item: -len(item[0]))),
        regions=tuple(sorted(region_names.items(), key=lambda item: -len(item[0]))),
    )


def _rd_variants(phrase: str) -> list[str]:
    """``phrase`` and the ways R&D is spelt out in it: 研发(R&D)经费, 研究与试验发展(R&D)经费,
    研究与实验发展经费 ... for R&D经费 or 研发经费."""
    if not phrase:
        return []
    variants = [phrase]
    for short in ("R&D", "研发"):
        if short in phrase:
            for spelt in ("研究与试验发展", "研究与实验发展", "研究与开发"):
                variants += [phrase.replace(short, f"{spelt}(R&D)", 1), phrase.replace(short, spelt, 1)]
                variants.append(phrase.replace(short, f"{spelt}R&D", 1))  # a page that lost the brackets
                # 研究与试验发展(简称R&D)经费投入强度: a bulletin naming the abbreviation it goes on to use
                variants += [phrase.replace(short, f"{spelt}({lead}简称R&D)", 1) for lead in ("", "以下")]
            variants.append(phrase.replace(short, "研发(R&D)", 1))
    return list(dict.fromkeys(variants))


def normalise(text: str) -> str:
    """``text`` with full-width ASCII and a few traditional characters mapped one for one (same length)."""
    return text.translate(_NORMALISE)


def relative_region(word: str, region: str) -> tuple[str, str]:
    """The region id a word of :data:`RELATIVE_REGION_WORDS` names in a text about ``region``, and a note
    ('' when sure). 全市/我市/本市 is ``region`` itself when it is a city, else the city ``regions.csv`` puts
    it in; 高新区 is that city's one functional zone. Unknown: no id, and a note saying what to fill in (a
    figure of a city is never filed under another city's id)."""
    known = catalogue.regions()
    record = known.get(region)
    if record is not None:
        city = region if record.level == "prefecture_city" else record.parent
    else:
        city = region if region.endswith("市") else ""
    if word != "高新区":
        if city:
            return city, ""
        return (
            "",
            f"{word}: the city {region or 'of the region'} lies in, which regions.csv does not name: fill in",
        )
    zones = [r.id for r in known.values() if r.level == "functional_zone" and r.parent == city]
    if city and len(zones) == 1:
        return zones[0], ""
    return "", f"高新区: the high-tech zone of {city or 'the city'}, not in regions.csv: fill in the region"
