"""Reading a job ad (issue 17): role, seniority, required and nice-to-have skills, years, degree, place and pay.

Pure: no Telegram, no SQLite, no clock. `read_job_ad(text, catalog) -> JobAd`; `match(ad, ...) -> JobMatch`.

How an ad is read, in one pass over at most `MAX_CHARS` characters:

1. Lines and sections. The first non-empty line is the title. A heading is told by its shape and its words
   (`_heading_line`): short, not a sentence, no figure, and either ending with a colon, marked as a heading
   (markdown '#', '**bold**', emoji or symbols around it, ALL CAPS) or standing alone after a blank line or a
   closed line in heading words; a line naming a skill, or starting with the same symbol as its neighbour (an
   emoji bullet), is an entry. Its words give the section: required (the default: requirements,
   responsibilities, "What you'll be doing"), nice-to-have ("Bonus points", "Desired Qualifications", "You
   might also have", "Our stack") or ignored (company blurb, benefits, pay, how to apply, equal-opportunity
   text). A line that starts with such a label ("Preferred: MLflow") is read in that section on its own.
2. Skills. Phrases are matched by whole tokens, longest first, against the catalog's skill names, ids and
   aliases plus `AD_ALIASES` (words ads use that the catalog lacks: "Hugging Face", "Airflow", "vLLM"...), minus
   `AD_IGNORED` (catalog aliases that mean something else in an ad: "CV" is a résumé, "attention" to detail).
   Tokens are lower-cased and lightly de-pluralised on both sides, so "LLMs", "PyTorch/TensorFlow",
   "MLflow or similar", "A/B testing" and "Spark" all match. A skill followed by a job noun ("ML engineer",
   "NLP team") names a job, not a skill.
3. Each skill mention is then placed by its sentence: dropped in ignored sections, company-blurb sentences
   (about "we"/"our" with nothing asked of the reader), benefit and equal-opportunity sentences, after a
   negation in its clause ("no Kubernetes needed") and in the subject of a degree ("BSc in statistics"); nice to
   have in a nice section, after a leading cue ("Bonus: ...", "Ideally ...", "..., preferably with pandas", up to
   a contrast: "bonus if Airflow, but SQL is a must"), or before a trailing cue in the same clause ("Spark is a
   plus", "(GCP preferred)"); required otherwise. A skill both required and nice
   is required.
4. Regular expressions for years ("3-5 years of experience": the largest minimum asked for, with its upper
   bound), degree (the lowest level asked; preferred when the sentence says so or allows "equivalent
   experience"), work mode, location and salary. Seniority comes from the title, else from the years
   (0-1 junior, 2-4 mid, 5-7 senior, 8+ staff).

Every step is linear in the text: cue regexes run once per sentence and each mention looks at most
`WINDOW` characters around itself.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from bot import texts as t
from bot.domain.catalog import Catalog, Depth, depth_rank
from bot.domain.profile import Education

MAX_CHARS = 20_000
WINDOW = 160  # characters a mention's clause context may reach on each side


class Seniority(StrEnum):
    """The level an ad hires at."""

    intern = "intern"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    staff = "staff"
    lead = "lead"
    principal = "principal"


class DegreeLevel(StrEnum):
    """The degree an ad asks for."""

    none = "none"
    bachelor = "bachelor"
    master = "master"
    phd = "phd"


class WorkMode(StrEnum):
    """Where the work happens."""

    remote = "remote"
    hybrid = "hybrid"
    onsite = "onsite"


class PayPeriod(StrEnum):
    """What a salary figure is paid for."""

    hour = "hour"
    month = "month"
    year = "year"


class Salary(BaseModel):
    """A stated salary or range."""

    min: float
    max: float | None = None
    currency: str = Field(description="ISO code: USD, EUR, GBP, CAD, CHF, AUD, INR")
    period: PayPeriod


class JobAd(BaseModel):
    """What a careful reader takes from a job ad."""

    role: str | None = Field(None, description="closest catalog role id")
    title: str = Field("", description="the title as written")
    seniority: Seniority | None = None
    required_skills: list[str] = Field(default=[], description="catalog skill ids, in order of first mention")
    nice_skills: list[str] = Field(default=[], description="nice-to-have skill ids, never also required")
    years_min: float | None = None
    years_max: float | None = None
    degree: DegreeLevel | None = Field(None, description="None when the ad does not mention a degree")
    degree_required: bool | None = None
    location: str | None = None
    remote: WorkMode | None = None
    salary: Salary | None = None
    unknown_skills: list[str] = Field(default=[], description="technologies asked for that the catalog lacks")
    truncated: bool = Field(False, description="the text was longer than MAX_CHARS and was cut")

    @property
    def skills(self) -> list[str]:
        """Required then nice-to-have skill ids."""
        return [*self.required_skills, *self.nice_skills]


# ---------------------------------------------------------------- vocabulary

# Words job ads use for catalog skills that the catalog's aliases lack (used only when the catalog has the id).
AD_ALIASES: dict[str, list[str]] = {
    "transformers": ["hugging face", "huggingface", "hf transformers", "transformer models", "transformer-based",
                     "transformer architectures", "bert-style"],
    "llms": ["gpt-4", "gpt-4o", "gpt 4", "claude", "gemini", "llama", "mistral", "open-weight llms",
             "open-weight models", "open models", "small llms"],
    "rag": ["rag", "retrieval-augmented", "retrieval augmented", "rag pipeline", "rag pipelines", "reranking"],
    "nlp-fundamentals": ["spacy", "nltk", "named entity recognition", "ner", "information extraction",
                         "text analytics", "topic modeling", "topic modelling"],
    "data-pipelines": ["dagster", "prefect", "luigi", "data pipelines", "etl pipeline", "etl pipelines", "dataflow",
                       "kafka streams"],
    "statistics": ["statistical modeling", "statistical modelling", "statistical inference", "applied statistics",
                   "statsmodels", "statistical skills", "statistical knowledge", "econometrics"],
    "ab-testing": ["a/b experiments", "a/b test", "experimental design", "experiment design", "online a/b tests",
                   "controlled experiments"],
    "model-serving": ["vllm", "kserve", "seldon", "ray serve", "tgi", "text generation inference",
                      "deploying models", "deploy models", "deploying ml models", "model deployment",
                      "models in production", "models to production", "deployment", "deploying", "deploy", "deployed",
                      "triton inference server", "online inference", "low latency serving", "model serving"],
    "ml-pipelines": ["feature pipelines", "ml pipelines", "mlops tooling", "ci/cd for ml", "sagemaker pipelines",
                     "vertex ai pipelines", "metaflow", "zenml"],
    "model-monitoring": ["model monitoring", "arize", "whylabs", "fiddler", "ml monitoring"],
    "experiment-tracking": ["weights biases", "experiment tracking", "neptune", "comet ml", "clearml"],
    "cloud-platforms": ["s3", "ec2", "google cloud platform", "azure machine learning", "bedrock", "aws sagemaker",
                        "any cloud", "one cloud", "a cloud", "cloud platform", "cloud platforms",
                        "cloud experience", "public cloud"],
    "kubernetes": ["gke", "eks", "aks", "openshift"],
    "databases": ["relational database", "relational databases", "dynamodb", "cassandra", "elasticsearch",
                  "opensearch", "redis", "clickhouse"],
    "data-modeling": ["data modelling", "data modeling"],
    "spreadsheets-bi": ["looker studio", "metabase", "superset", "qlik", "advanced excel"],
    "data-visualization": ["ggplot", "ggplot2", "d3"],
    "rest-apis": ["restful", "rest apis", "web apis", "grpc", "fastapi", "flask", "django"],
    "ai-agents": ["ai agents", "agentic", "agentic workflows", "agent frameworks", "autogen", "crewai",
                  "tool use", "tool calling", "function calling"],
    "llm-evaluation": ["llm evaluation", "llm evals", "evaluation suites for llms", "evals and guardrails"],
    "llm-fine-tuning": ["lora", "qlora", "dpo"],
    "prompt-engineering": ["prompt design", "prompting"],
    "vector-databases": ["vector database", "vector databases", "vector search", "milvus", "elastic vector search"],
    "software-engineering": ["production code", "production-quality code", "software engineering practices",
                             "code quality"],
    "testing": ["ci/cd", "ci cd", "unit tests", "integration tests", "test automation"],
    "linux-shell": ["linux command line", "bash scripting"],
    "distributed-training": ["distributed training", "multi-node training", "large-scale training", "megatron",
                             "cuda kernels", "triton kernels"],
    "speech-processing": ["wav2vec", "speech-to-text", "text-to-speech", "speaker diarization", "kaldi"],
    "computer-vision": ["image classification", "visual inspection", "video analytics"],
    "object-detection": ["multi-object tracking", "3d object detection", "faster r-cnn", "mask r-cnn", "detr"],
    "image-processing": ["image processing", "classic image processing"],
    "research-methods": ["publication record", "publications", "first-author publications", "peer-reviewed",
                         "neurips", "icml", "iclr", "cvpr", "iccv", "eccv", "emnlp", "top venues",
                         "top-tier venues", "research experience", "deep learning research"],
    "paper-reading": ["read papers", "reproduce papers", "read and reproduce papers", "reading research papers",
                      "latest research", "state of the art research", "implement papers"],
    "ml-system-design": ["design ml systems", "designing ml systems", "large-scale ml systems", "ml systems design",
                         "ml system design"],
    "feature-engineering": ["feature stores", "feature engineering"],
    "recommender-systems": ["recommendation models", "recommender models", "ranking models", "ranking systems",
                            "recommendation engines"],
    "communication": ["communication skills", "communicate clearly", "written communication", "communicator",
                      "presentation skills", "verbal communication", "communication"],
    "business-acumen": ["stakeholder management", "product sense", "business acumen", "commercial awareness",
                        "business stakeholders"],
    "problem-solving": ["problem-solving skills", "analytical skills", "analytical thinking"],
    "data-cleaning": ["data cleaning", "cleaning data", "data cleansing"],
    "probability": ["bayesian methods", "bayesian statistics", "bayesian inference"],
    "gradient-boosting": ["gradient boosting", "boosting"],
    "generative-models": ["diffusion model", "diffusion models", "generative ai"],
    "model-evaluation": ["precision and recall", "evaluation sets", "model evaluation", "offline evaluation",
                         "classification metrics", "regression metrics", "ranking metrics"],
    "ml-fundamentals": ["machine learning fundamentals", "ml fundamentals", "machine learning basics",
                        "basics of machine learning", "ml engineering", "machine learning engineering"],
}

# Catalog aliases that mean something else in a job ad ("send your CV", "attention to detail").
AD_IGNORED = frozenset([
    "cv", "ci", "api", "apis", "rest", "serving", "inference", "research", "writing", "documentation", "bias",
    "features", "metrics", "precision", "recall", "detection", "tracking", "vision", "audio", "voice", "lambda",
    "monitoring", "observability", "ranking", "attention", "agents", "arrays", "streaming", "containers",
    "papers", "presentation", "collaboration", "teamwork", "orchestration", "publishing", "adam", "ann", "helm",
    "lightning", "vectors", "matrices", "complexity", "distributions", "derivatives", "gradients", "queries",
    "calc", "dl", "nn", "nns", "tf", "np", "pd", "py", "recommendations", "personalization", "regression",
    "classification", "clustering", "github", "gitlab", "shell", "terminal", "cli", "optimization",
    "optimisation", "cloud", "bi", "dashboards", "charts", "storytelling", "algorithms", "swe",
    "vcs", "de", "ds", "deep", "tuning", "language", "text", "data quality", "ml infrastructure",
    "deployment pipelines", "random variables", "mlp", "sgd", "segmentation", "evals",
    "data mining", "scalability", "domain knowledge", "bayes",
])

# After a skill phrase, these words make it part of a job or team name ("ML engineer", "NLP team").
JOB_NOUNS = frozenset([
    "engineer", "engineers", "scientist", "scientists", "researcher", "researchers", "developer", "developers",
    "intern", "interns", "internship", "team", "teams", "specialist", "specialists", "analyst", "analysts",
    "lead", "leads", "manager", "managers", "practitioner", "practitioners", "architect", "architects",
])
JOB_NOUN_BRIDGE = frozenset(["platform", "infrastructure", "infra", "ops", "research", "systems", "applications",
                             "application", "product", "software", "ai", "ml", "data", "&", "and", "/"])

# Technologies asked for that the catalog does not know yet, by lower-case token (display name as value).
TECH_WORDS: dict[str, str] = {
    "terraform": "Terraform", "ansible": "Ansible", "jenkins": "Jenkins", "argo": "Argo", "argocd": "Argo CD",
    "prometheus": "Prometheus", "grafana": "Grafana", "rabbitmq": "RabbitMQ", "flink": "Flink", "dask": "Dask",
    "ray": "Ray", "jax": "JAX", "onnx": "ONNX", "tensorrt": "TensorRT", "openvino": "OpenVINO", "matlab": "MATLAB",
    "julia": "Julia", "sas": "SAS", "spss": "SPSS", "stata": "Stata", "typescript": "TypeScript",
    "javascript": "JavaScript", "react": "React", "node.js": "Node.js", "golang": "Go", "rust": "Rust",
    "c#": "C#", ".net": ".NET", "graphql": "GraphQL", "lidar": "lidar", "ros": "ROS", "ros2": "ROS 2",
    "slam": "SLAM", "gensim": "gensim", "lookml": "LookML", "quantization": "quantization",
    "quantisation": "quantization", "distillation": "distillation", "pruning": "pruning", "bandits": "bandits",
    "gnn": "graph neural networks", "gnns": "graph neural networks", "unity": "Unity", "slurm": "Slurm",
    "mpi": "MPI", "vba": "VBA", "cassandra": "Cassandra", "hive": "Hive", "presto": "Presto", "trino": "Trino",
    "kinesis": "Kinesis", "pubsub": "Pub/Sub", "langsmith": "LangSmith", "dspy": "DSPy", "haystack": "Haystack",
    "triton": "Triton", "wandb": "W&B", "cuda": "CUDA", "sensor fusion": "sensor fusion",
    "kv-cache": "KV cache", "point clouds": "point clouds", "knowledge graphs": "knowledge graphs",
    "model compression": "model compression", "causal ml": "causal ML", "geospatial": "geospatial",
}
# Capitalised words that are not technologies (for the CamelCase guess of unknown technologies).
NOT_TECH = frozenset(["phd", "msc", "bsc", "beng", "meng", "mba", "linkedin", "github", "gitlab", "iphone", "ios",
                      "youtube", "mlops", "devops", "fintech", "ai", "ml", "llm", "llms", "usd", "eur", "gbp",
                      "okrs", "kpis", "saas", "b2b", "b2c", "hr", "ceo", "cto", "vp", "nlp", "openai", "anthropic",
                      "genai", "insurtech", "healthtech", "edtech", "proptech", "mlflow", "pytorch", "tensorflow"])

SENIORITY_WORDS: list[tuple[Seniority, re.Pattern[str]]] = [
    (Seniority.intern, re.compile(r"\b(?:intern|internship|working student|werkstudent|co-op|apprentice)\b")),
    (Seniority.principal, re.compile(r"\b(?:principal|distinguished)\b")),
    (Seniority.staff, re.compile(r"\bstaff\b")),
    (Seniority.lead, re.compile(r"\b(?:lead|head of|tech lead|team lead)\b")),
    (Seniority.senior, re.compile(r"\b(?:senior|sr\.?|snr|iii)(?=\W|$)")),
    (Seniority.junior, re.compile(r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad|associate|trainee)(?=\W|$)")),
    (Seniority.mid, re.compile(r"\b(?:mid[- ]level|mid[- ]senior|intermediate|mid)\b|\bii\b")),
]

ROLE_EXTRA: dict[str, list[str]] = {
    "ml-engineer": ["machine learning intern", "ml intern", "ml engineer", "machine learning engineer", "mle",
                    "ml engineers", "ai/ml engineer", "machine learning engineering"],
    "ml-researcher": ["research intern", "research scientist", "research engineer", "ml researcher"],
    "nlp-engineer": ["nlp engineer", "speech engineer", "speech & nlp engineer", "conversational ai engineer"],
    "cv-engineer": ["perception engineer", "computer vision engineer", "cv engineer"],
    "data-scientist": ["data science intern", "data scientist", "data science"],
    "data-analyst": ["data analyst", "product analyst", "bi analyst", "marketing analyst", "analytics intern"],
    "mlops-engineer": ["mlops engineer", "ml platform engineer", "ml infrastructure engineer"],
    "ai-engineer": ["ai engineer", "llm engineer", "genai engineer", "applied ai engineer"],
    "data-engineer": ["data engineer", "analytics engineer"],
}

# ---------------------------------------------------------------- text helpers

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-",
                            "\u00a0": " ", "•": "-", "·": "-", "▪": "-", "●": "-", "\t": " ", "\r": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"[^\W_]+(?:[.'&][^\W_]+)*(?:\+\+|#)?|[&/]")


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile with every space matching any run of white space (ads wrap lines anywhere)."""
    return re.compile(pattern.replace(" ", r"\s+"))


# "𝗡𝗶𝗰𝗲 𝘁𝗼 𝗵𝗮𝘃𝗲" (mathematical bold, as social-media posts style headings) and fullwidth "Ｐｙｔｈｏｎ": each such
# character is one plain letter or digit under NFKC, so replacing them keeps every offset.
_FANCY = re.compile("[\U0001D400-\U0001D7FF\uFF01-\uFF5E]")


def _plain_char(m: re.Match[str]) -> str:
    plain = unicodedata.normalize("NFKC", m.group(0))
    return plain if len(plain) == 1 else m.group(0)


def _prepare(text: str) -> str:
    """Normalise punctuation without changing lengths (offsets into the result stay valid for the lower case)."""
    return _CONTROL.sub(" ", _FANCY.sub(_plain_char, text).translate(_TRANSLATE))


def _lower_aligned(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _stem(token: str) -> str:
    """Light plural stripping, applied alike to phrases and text ("LLMs" -> "llm", "pipelines" -> "pipeline")."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "'s")):
        return token[:-3] + "y" if token.endswith("ies") and len(token) > 4 else token[:-1]
    return token


def _tokens(phrase: str) -> tuple[str, ...]:
    low = _lower_aligned(_prepare(phrase))
    return tuple(_stem(t.group(0)) for t in _TOKEN.finditer(low) if t.group(0) not in {"&", "/"})


# ---------------------------------------------------------------- phrase index


@dataclass
class _Index:
    """Skill phrases (token tuples -> skill id) and role phrases, built once per catalog."""

    skills: dict[tuple[str, ...], str] = field(default_factory=dict)
    skill_lengths: dict[str, list[int]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    role_lengths: dict[str, list[int]] = field(default_factory=dict)
    short_forms: set[str] = field(default_factory=set)  # one/two-letter spellings matched only as written ("R")
    known_words: set[str] = field(default_factory=set)
    programming: set[str] = field(default_factory=set)
    role_skills: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, catalog: Catalog) -> _Index:
        idx = cls()
        ignored = {_tokens(a) for a in AD_IGNORED}
        for skill in catalog.skills:
            if skill.category.value == "programming":
                idx.programming.add(skill.id)
            for name in [skill.name, skill.id.replace("-", " "), *skill.aliases]:
                key = _tokens(name)
                if not key:
                    continue
                if key in ignored:
                    idx.skills[key] = ""  # read (so its words are used up) but names no skill
                    continue
                if len(name.strip()) <= 2:
                    idx.short_forms.add(name.strip())
                idx.skills.setdefault(key, skill.id)
        for skill_id, aliases in AD_ALIASES.items():
            if skill_id in catalog.skill_by_id:
                for alias in aliases:
                    key = _tokens(alias)
                    if key:
                        idx.skills[key] = skill_id  # ad vocabulary wins over a catalog alias of the same words
        for role in catalog.roles:
            idx.role_skills[role.id] = {rs.skill for rs in role.required_skills}
            for name in [role.name, *role.aliases, *ROLE_EXTRA.get(role.id, [])]:
                key = _tokens(name)
                if key and (len(key) > 1 or len(key[0]) > 3):
                    idx.roles.setdefault(key, role.id)
        for table, lengths in ((idx.skills, idx.skill_lengths), (idx.roles, idx.role_lengths)):
            for key in table:
                lengths.setdefault(key[0], []).append(len(key))
            for first, sizes in lengths.items():
                lengths[first] = sorted(set(sizes), reverse=True)
        idx.known_words = {w for key in idx.skills for w in key}
        return idx


_INDEXES: dict[int, tuple[Catalog, _Index]] = {}


def _index_for(catalog: Catalog) -> _Index:
    cached = _INDEXES.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    built = _Index.build(catalog)
    _INDEXES[id(catalog)] = (catalog, built)
    return built


@dataclass
class _Tok:
    start: int
    end: int
    word: str  # stemmed lower case; "&" and "/" kept as separators


def _scan(text: str, low: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), _stem(m.group(0))) for m in _TOKEN.finditer(low)]


def _longest(words: list[str], i: int, table: dict[tuple[str, ...], str],
             lengths: dict[str, list[int]]) -> tuple[int, str] | None:
    for n in lengths.get(words[i], ()):
        if i + n <= len(words):
            hit = table.get(tuple(words[i : i + n]))
            if hit is not None:
                return n, hit
    return None


@dataclass
class _Mention:
    start: int
    end: int
    skill: str
    level: str = "required"  # required, nice, drop


def _find_skills(text: str, toks: list[_Tok], idx: _Index) -> tuple[list[_Mention], list[bool]]:
    """Longest catalog phrase at each token; `covered` marks tokens inside a phrase."""
    words = [t.word for t in toks if t.word not in {"&", "/"}]
    real = [t for t in toks if t.word not in {"&", "/"}]
    covered = [False] * len(real)
    mentions: list[_Mention] = []
    i = 0
    while i < len(words):
        hit = _longest(words, i, idx.skills, idx.skill_lengths)
        if hit is None:
            i += 1
            continue
        n, skill = hit
        start, end = real[i].start, real[i + n - 1].end
        if not skill:
            for k in range(i, i + n):
                covered[k] = True
            i += n
            continue
        original = text[start:end]
        if n == 1 and len(words[i]) <= 2:
            ok = words[i] == "ml" or original.isupper() or original in idx.short_forms
            if not ok or text[end : end + 1] in {"&", "'"}:
                i += 1
                continue
        if skill not in idx.programming and _job_noun_follows(words, i + n):
            for k in range(i, i + n):
                covered[k] = True
            i += n
            continue
        mentions.append(_Mention(start, end, skill))
        for k in range(i, i + n):
            covered[k] = True
        i += n
    return mentions, covered


def _job_noun_follows(words: list[str], j: int) -> bool:
    for k in range(j, min(j + 3, len(words))):
        if words[k] in JOB_NOUNS or _stem(words[k]) in JOB_NOUNS:
            return True
        if words[k] not in JOB_NOUN_BRIDGE:
            return False
    return False


# ---------------------------------------------------------------- lines, sections and sentences

_BULLET = re.compile(r"^[\s\-*#>+=~|]*(?:\d{1,2}[.)]\s+)?[*_]*")
# Heading words, by the kind of section they open. A heading is recognised by its words and its shape (see
# `_heading_line`), never by a list of exact strings: "What you'll be doing", "**You might also have**",
# "## Desired Qualifications", "BONUS POINTS", "Nice to haves 🙌" and "Even better if 💡" are all headings.
_HEAD_NICE = re.compile(
    r"nice|bonus|plus(?:es)?\b|prefer|desir|extra credit|extra points|brownie points|stand out|differential"
    r"|great if|would be great|would love|we'd love|even better|good to have|advantage|tech stack|our stack|^stack"
    r"|tools we use|technologies|\bwe use\b|\bwe work with\b|^(?:our )?(?:tech|tools|toolbox)\b|optional"
    r"|\b(?:might|may|could) also\b|\balso (?:have|bring|know|had)\b|\bideally\b"
    r"|helpful|not required|not essential|not necessary|wish ?list|cherry on top|icing on the cake|a plus\b|impress"
)
_HEAD_IGNORE = re.compile(
    r"^about(?!\s+(?:the\s+)?(?:role|job|you|this|position|team|work|opportunity|the\s+role))|who we are|benefit"
    r"|perk|we offer|what we offer|why |compensation|salary|^pay\b|pay range|how to apply|to apply|apply\b"
    r"|equal|eeo|divers|our values|values\b|culture|location|interview|hiring process|life at|the company"
    r"|our company|company|(?<!your )mission\b(?! is to)|our story|what's in it|in return|package|work setup|logistics"
    r"|contract|^where\b|^when\b|how we work|work(?:ing)? model|remote policy|next steps|^the process"
)
_HEAD_REQ = re.compile(
    r"require|\breq(?:s\b|ui|ir)|qualif|must|need|you have|you are|you bring|you'll|you will|responsib|what we"
    r"|looking for|skills"
    r"|profile|experience|about the role|about you|the role|role|job|do\b|doing|duties|tasks|day to day|expect|ask"
    r"|mission|impact|who you are|essential|minimum|basic|core|ideal candidate|you\b|your|background|succeed"
    r"|work on\b|what it takes|what you'll|competenc|expertise|know-how|(?:we're|we are) after"
)
_INLINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z '&/()-]{1,40}?)\s*:\s*(?=\S)")


def _heading_kind(label: str) -> str | None:
    """'nice', 'ignore', 'required' for a heading text, or None when it is not a known heading."""
    label = label.strip().lower().rstrip(":").strip()
    if not label:
        return None
    if _HEAD_NICE.search(label):
        return "nice"
    if _HEAD_IGNORE.search(label):
        return "ignore"
    if _HEAD_REQ.search(label):
        return "required"
    return None


_SENT_SPLIT = re.compile(r"(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)(?<!\bvs\.)(?<!\bsr\.)(?<!\bjr\.)(?<=[.!?])\s+|;\s*"
                         r"|\s-\s(?=[a-z0-9])(?!(?:preferred|optional|nice|a plus|bonus|ideally|not required|desirable"
                         r"|helpful|good to have)\b)")  # "Tableau or Looker - preferred": one clause
_NEG = _rx(
    r"\b(?:no|not|never|without|don't need|do not need|doesn't need|don't have to|no need|isn't needed)\b"
    r"(?!\s+(?:only|just|limited|afraid|shy))"
)
_NICE_CUE = _rx(
    r"nice[- ]to[- ]haves?|good[- ]to[- ]haves?|\bnice\b|\bbonus(?: points)?\b|\bpluses\b|\ba plus\b|\bplus if\b"
    r"|\bextra credit\b|\bpreferred\b|\bpreferably\b|\bideally\b|\bdesirable\b|\bdesired\b|\badvantage(?:ous)?\b"
    r"|\bwould be (?:great|nice|helpful|a plus)\b|\bgreat if\b|\bhelpful\b|\boptional\b|\bnot required\b"
    r"|\bnot essential\b|\bnot a must\b|\bnot mandatory\b|\bwe'd love\b|\bwe would love\b|\bis a plus\b"
    r"|\bdifferentials?\b|\bbeneficial\b|\bappreciated\b|\bstand out\b"
)
# Cues that speak for what follows them, wherever they stand in the sentence.
_LEADING_CUE = _rx(r"ideally\b|preferably\b|bonus if\b|plus if\b|great if\b|even better if\b|we'd love\b"
                   r"|(?:would be |it'd be )?(?:nice|great|helpful|a plus) if\b"
                   r"|we would love\b|extra credit (?:if|for)\b|bonus points (?:if|for)\b")
_BLURB_COMPANY = _rx(
    r"\bwe\b|\bwe're\b|\bwe've\b|\bour\b|\bus\b|\bfounded\b|\bbacked\b|\bheadquartered\b|\bcustomers\b"
    r"|\bclients\b|\bmillion\b|\bstartup\b|\bon a mission\b|\binvestors\b|\bhelps\b|\bbuilds\b|\bdevelops\b"
    r"|\bprovides\b|\bserves\b|\bconnects\b|\bpowers\b|\bis the place\b|\bis (?:a|an|the) (?:leading|fast|global)"
)
_BLURB_OVERRIDE = _rx(
    r"\byou\b|\byour\b|\byou'll\b|\byou've\b|\byou're\b|\bexperience\b|\brequire|\bmust\b|\bshould\b"
    r"|\bwe need\b|\blooking for\b|\bwe'd like\b|\bskills?\b|\bknowledge\b|\bfamiliar|\bproficien|\byears?\b"
    r"|\bcandidate"
)
_PERKS = _rx(
    r"equal opportunity|without regard|regardless of|discriminat|protected veteran|qualified applicants|"
    r"\bbenefits\b|we offer|health insurance|\bdental\b|401\(?k|\bpto\b|paid leave|holiday|vacation|parental leave"
    r"|stock options|home office budget|learning budget|relocation|visa sponsorship|\bgym\b|\blunch\b|pension"
    r"|\bmedical\b|annual leave|equity\b|salary|pay range|base pay|compensation|send your (?:cv|resume)|apply\b"
)
_DEGREE_SUBJECT = re.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|ph\.?d|doctorate|bsc|msc|b\.s\.|m\.s\.|bs|ms|ba|ma|beng|meng|mba)"
    r"(?:\s+degree)?\s+(?:in|of)\b"
)
_DEGREE_SUBJECT_END = re.compile(r"related|similar|equivalent|quantitative field|\bwith\b|\band \d|\bplus\b|;|\.\s"
                                 r"|,\s+(?:good|strong|solid|excellent|proven|deep|some|hands-on|fluent|working)\b")


@dataclass
class _Sentence:
    start: int
    end: int
    kind: str  # required, nice, ignore


_STARTS_ITEM = re.compile(r"^\s*(?:[-*+>#~=|]|\d{1,2}[.)]\s)")


def _layout(low: str, text: str | None = None, mention_starts: list[int] | None = None,
            ) -> tuple[list[_Sentence], int, int, str]:
    """Sentences with their section kind, the title line's span and the text of the title line.

    Lines wrapped inside a paragraph (no closing punctuation, next line not a list item) are read as one.
    Before the first heading the section is "intro": read as required, but company-blurb sentences are dropped.
    `text` (the ad before lower-casing, same offsets) lets ALL-CAPS headings be seen; `mention_starts` (sorted
    offsets of skill mentions) keeps a line that names a skill from being taken for a heading.
    """
    original = text if text is not None and len(text) == len(low) else low
    starts = mention_starts or []
    prev_blank = True
    prev_closed = True
    sentences: list[_Sentence] = []
    section = "intro"
    title_span = (0, 0)
    seen_title = False
    block: list[int] = []  # [start, end, ] of the paragraph being gathered
    block_kind = "intro"
    pos = 0

    def flush() -> None:
        if block:
            _split_sentences(low, block[0], block[1], block_kind, sentences)
            block.clear()

    lines = low.split("\n")
    firsts = [ln.strip()[:1] for ln in lines]  # each line's first character, to tell symbol bullets from marks
    for number, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            flush()
            prev_blank = True
            continue
        # A heading may follow a blank line, or a line that closed (a list item, a sentence, the title) when it
        # starts with a capital; a wrapped paragraph's next line does neither.
        after_blank = prev_blank or (prev_closed and original[start:end].lstrip(" -*#>_")[:1].isupper())
        prev_blank = False
        prev_closed = bool(_STARTS_ITEM.match(line)) or line.rstrip().endswith((".", "!", "?", ")", ":"))
        if not seen_title and _opens_section(line):
            seen_title = True  # no title line: the ad starts with a heading or a labelled line
        if not seen_title:
            seen_title = True
            title_span = (start, end)
            prev_closed = True
            block[:] = [start, end]
            block_kind = "intro"
            if line.rstrip().endswith((".", "!", "?", ":", ")")) or len(line.split()) <= 8:
                flush()
            continue
        body = _BULLET.sub("", line)
        offset = len(line) - len(body)
        k = bisect_left(starts, start)
        names_skill = k < len(starts) and starts[k] < end
        following = next((f for f in firsts[number + 1 : number + 4] if f), "")
        heading = _heading_line(original[start:end], line, after_blank, names_skill or _symbol_bullet(firsts, number),
                                bullets_follow=following in ("-", "*", "+"))
        if heading is not None:
            flush()
            section = heading
            prev_closed = True
            continue
        line_kind = section
        inline = _INLINE.match(body)
        if inline:
            kind = _heading_kind(inline.group("label"))
            if kind == "required" and len(inline.group("label").split()) > 3:
                kind = None
            if kind is not None:
                line_kind = kind
                start = start + offset + inline.end()
        continues = (block and not inline and not _STARTS_ITEM.match(line)
                     and not low[block[0] : block[1]].rstrip().endswith((".", "!", "?", ":", ";")))
        if continues:
            block[1] = end
        else:
            flush()
            block[:] = [start, end]
            block_kind = line_kind
    flush()
    return sentences, title_span[0], title_span[1], low[title_span[0] : title_span[1]]


_KNOWN_HEADINGS = re.compile(
    r"^(?:about(?: [\w&' .-]{1,40})?|requirements|qualifications|responsibilities|benefits|perks|nice to have"
    r"|nice-to-haves?|bonus(?: points)?|preferred qualifications|minimum qualifications|basic qualifications"
    r"|required qualifications|what you'll do|what you will do|what we offer|who we are|who you are|the role"
    r"|your profile|profile|your responsibilities|role summary|you have|you are|must have|good to have"
    r"|our stack|tech stack|the team|what you bring|what we're looking for|what you'll need|differentials"
    r"|compensation|salary|how to apply|equal opportunity|skills|pluses|in this role you will|you will)$"
)


_ITEM = re.compile(r"^\s*(?:[-+]|\*(?!\*)|\d{1,2}[.)])\s")  # a list item, not a heading ("**Bold**" is not one)
_EDGE = re.compile(r"^[^\w'(]+|[^\w'):?!]+$")  # marks around a heading: bullets, markdown, emoji, arrows
_SENTENCE_INSIDE = re.compile(r"[.!?;]\s+\S|[.,;]$")


def _symbol_bullet(firsts: list[str], k: int) -> bool:
    """A line starting with a symbol that the nearest non-blank line before or after also starts with ("🔹 ...")
    is a list item, not an emoji-marked heading."""
    first = firsts[k]
    if not first or first.isalnum() or first in "#*_'(>":  # markdown and quote marks start every line alike
        return False
    # Index walks, not slices: a slice copies the rest of the list for every line (quadratic on long ads).
    before = k - 1
    while before >= 0 and not firsts[before]:
        before -= 1
    after = k + 1
    while after < len(firsts) and not firsts[after]:
        after += 1
    return (before >= 0 and firsts[before] == first) or (after < len(firsts) and firsts[after] == first)


def _heading_line(raw: str, low: str, after_blank: bool, names_skill: bool, bullets_follow: bool = False,
                  ) -> str | None:
    """The section kind a line opens when it is a heading ('required' for one of unknown words), else None.

    A heading is short (at most 60 characters and 8 words), is not a sentence, and either ends with a colon,
    or is marked as a heading (markdown '#', wrapped in '**' or '__', emoji or symbols around it, ALL CAPS),
    or stands alone after a blank line in heading words ("You might also have"). Only a colon heading may name
    a skill ("Python skills:") or a figure: a line with either is otherwise a list item without a bullet, as is a
    line whose leading symbol starts its neighbour too ("🔹 Experience mentoring" is a bullet, not a heading).
    """
    stripped = raw.strip()
    if not stripped or len(stripped) > 120:
        return None  # long lines are never headings: checking that first keeps the regexes below on short text
    numbered = re.match(r"^\d{1,2}[.)]\s+", stripped)
    if numbered and bullets_follow and not names_skill:
        # "1. Responsibilities" over "- ..." items: a numbered heading; a numbered line among numbered ones is an item.
        kind = _heading_kind(stripped[numbered.end() :].rstrip(":"))
        return kind if kind is not None and len(stripped.split()) <= 6 else None
    if _ITEM.match(stripped) and not stripped.startswith("**"):
        return None
    if stripped.rstrip("*_ ").endswith((".", ",", ";")):
        return None  # a sentence or a list entry, not a heading
    clean = _EDGE.sub("", low.strip()).strip()
    colon = stripped.rstrip("*_ ").endswith(":") or clean.endswith(":")
    clean = clean.rstrip(":").strip().strip("*_").strip()
    if not clean or len(clean) > 60 or len(clean.split()) > 8 or _SENTENCE_INSIDE.search(clean) or ":" in clean:
        return None  # a colon inside is a labelled line ("Location: Berlin"), read by _INLINE
    kind = _heading_kind(clean)
    if colon:
        return kind or "required"
    if names_skill or re.search(r"\d", clean):
        return None  # "3+ years of experience" is an entry; a heading has no figures
    letters = [c for c in stripped if c.isalpha()]
    caps = len(letters) >= 4 and all(c.isupper() for c in letters)
    marked = (stripped.startswith("#") or bool(re.match(r"^(\*\*|__).+(\*\*|__)$", stripped))
              or bool(re.match(r"^[^\w\s'\-*#>(]", stripped)) or bool(re.search(r"[^\w\s'.,:;!?)*_\-]$", stripped)))
    if marked:
        return kind or "required"
    if (caps or after_blank) and kind is not None:
        return kind
    return None


def _opens_section(line: str) -> bool:
    """True for a heading line or a line that starts with a known label ("Requirements: ...")."""
    body = _BULLET.sub("", line).strip().strip("*_").strip()
    if len(body) <= 120:  # only short lines are headings; _EDGE on a long run of symbols would backtrack
        head = _EDGE.sub("", body).strip().strip("*_").strip()
        if len(head) <= 60 and (head.endswith(":") or _known_heading(head)):
            return True
    inline = _INLINE.match(body)
    return inline is not None and _heading_kind(inline.group("label")) is not None


def _known_heading(line: str) -> bool:
    return bool(_KNOWN_HEADINGS.match(line.rstrip(":").strip()))


def _split_sentences(low: str, start: int, end: int, kind: str, out: list[_Sentence]) -> None:
    s = start
    for m in _SENT_SPLIT.finditer(low, start, end):
        if m.start() > s:
            out.append(_Sentence(s, m.start(), kind))
        s = m.end()
    if end > s:
        out.append(_Sentence(s, end, kind))


# ---------------------------------------------------------------- placing mentions


def _place(low: str, sentences: list[_Sentence], mentions: list[_Mention]) -> list[tuple[int, int]]:
    """Set each mention's level; return the spans of sentences read as asking something (for unknown skills)."""
    starts = [s.start for s in sentences]
    asking: list[tuple[int, int]] = []
    by_sentence: dict[int, list[_Mention]] = {}
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k < 0 or m.start >= sentences[k].end:
            m.level = "drop"
            continue
        by_sentence.setdefault(k, []).append(m)
    for k, sent in enumerate(sentences):
        ms = by_sentence.get(k, [])
        text = low[sent.start : sent.end]
        if sent.kind == "ignore" or (_PERKS.search(text) and not _NICE_CUE.search(text) and not \
                _BLURB_OVERRIDE.search(text)):
            for m in ms:
                m.level = "drop"
            continue
        if sent.kind == "intro" and _BLURB_COMPANY.search(text) and not _BLURB_OVERRIDE.search(text) \
                and not _NICE_CUE.search(text):
            for m in ms:
                m.level = "drop"
            continue
        if _PERKS.search(text) and not _BLURB_OVERRIDE.search(text):
            for m in ms:
                m.level = "drop"
            continue
        asking.append((sent.start, sent.end))
        if not ms:
            continue
        _place_in_sentence(low, sent, ms)
    return asking


def _structure(low: str, start: int, end: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Depth-0 clause cuts (commas, colons, 'but') and the parenthesised spans of a sentence."""
    cuts: list[int] = []
    parens: list[tuple[int, int]] = []
    depth, open_at = 0, -1
    for i in range(start, end):
        c = low[i]
        if c == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                parens.append((open_at, i))
        elif depth == 0 and c in ",:":
            cuts.append(i)
    if depth:
        parens.append((open_at, end))
    for m in re.finditer(r"\bbut\b", low[start:end]):
        cuts.append(start + m.start())
    cuts.sort()
    return cuts, parens


def _place_in_sentence(low: str, sent: _Sentence, ms: list[_Mention]) -> None:
    """Level of each mention of one sentence; index ranges and bisection keep it O(n log n) in the sentence."""
    cuts, parens = _structure(low, sent.start, sent.end)
    # Mask the mentions so cue words inside a phrase do not count.
    chars = list(low[sent.start : sent.end])
    for m in ms:
        for i in range(m.start - sent.start, min(m.end, sent.end) - sent.start):
            chars[i] = " "
    masked = "".join(chars)
    cues = [(sent.start + c.start(), sent.start + c.end()) for c in _NICE_CUE.finditer(masked)]
    negs = [(sent.start + c.start(), sent.start + c.end()) for c in _NEG.finditer(masked)]
    neg_starts = [a for a, _ in negs]
    subjects = _merge(_degree_subject_spans(masked, sent.start))
    subject_starts = [a for a, _ in subjects]
    paren_starts = [a for a, _ in parens]
    positions = [m.start for m in ms]
    count = len(ms)
    marks = [0] * (count + 1)  # difference array: +1 at the first nice index of a range, -1 after its last

    def mark(lo_pos: int, hi_pos: int) -> None:
        """Mentions starting in [lo_pos, hi_pos) are nice."""
        i, j = bisect_left(positions, lo_pos), bisect_left(positions, hi_pos)
        if i < j:
            marks[i] += 1
            marks[j] -= 1

    if sent.kind == "nice":
        mark(sent.start, sent.end + 1)
    for cue_start, cue_end in cues:
        # Inside parentheses, the cue speaks for its parenthesis, or for the clause just before an empty one.
        k = bisect_right(paren_starts, cue_start) - 1
        if k >= 0 and parens[k][0] < cue_start < parens[k][1]:
            p_open = parens[k][0]
            if bisect_left(positions, cue_start) > bisect_right(positions, p_open):
                mark(p_open + 1, cue_start)
            else:
                mark(_cut_before(cuts, p_open, sent.start), p_open)
            continue
        before_i = bisect_left(positions, cue_start)
        skip = _SKIP_PUNCT.match(low, cue_end, sent.end)
        after_cue = skip.end() if skip else cue_end  # "ideally, dbt": the comma does not end its reach
        if _LEADING_CUE.match(low, cue_start) and before_i < count and positions[before_i] < _cut_after(
                cuts, after_cue, sent.end):
            # A cue that speaks forward ("..., and ideally LLM evals", "Python, preferably with pandas"): what
            # follows it is nice, what came before it stays as it was.
            mark(cue_start, _contrast_after(low, cue_end, sent.end))
            continue
        followed_by_colon = low[cue_end : cue_end + 2].lstrip().startswith(":")
        left = _cut_before(cuts, cue_start, sent.start)
        has_before = bisect_left(positions, left) < before_i
        if has_before and not followed_by_colon:
            # A trailing cue ("Spark is a plus"): the clause before it, and the list it ends ("Tableau, Looker
            # or Power BI preferred": clauses that are nothing but skills reach back with it).
            mark(_list_start(masked, cuts, left, sent.start, positions, cue_start), cue_start)
        elif not has_before and not followed_by_colon and before_i > 0:
            # ... and a clause with no skill of its own reaches back one clause ("Docker, experience a plus").
            reach = _cut_before(cuts, left - 1, sent.start) if left > sent.start else sent.start
            reach = max(reach, cue_start - WINDOW)
            if bisect_left(positions, reach) < before_i:
                mark(reach, cue_start)
            else:
                mark(cue_start, sent.end + 1)
        else:
            mark(cue_start, _contrast_after(low, cue_end, sent.end))  # a leading cue ("Bonus: ...", "Ideally ...")
    running = 0
    for i, m in enumerate(ms):
        running += marks[i]
        left = max(_cut_before(cuts, m.start, sent.start), m.start - WINDOW)
        k = bisect_left(neg_starts, m.start) - 1
        negated = k >= 0 and negs[k][0] >= left and negs[k][1] <= m.start and not re.match(
            r"\s*(?:only|just|matter)\b", low[negs[k][1] : negs[k][1] + 8])
        j = bisect_right(subject_starts, m.start) - 1
        in_subject = j >= 0 and subjects[j][0] <= m.start < subjects[j][1]
        if negated or in_subject:
            m.level = "drop"
        elif running > 0:
            m.level = "nice"
        else:
            m.level = "required"


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_CONTRAST = re.compile(r"\b(?:but|however|whereas|while|though|although)\b")


def _contrast_after(low: str, pos: int, end: int) -> int:
    """Where a leading cue's reach ends: at a contrast ("bonus if X, but Y is a must"), else after the sentence."""
    m = _CONTRAST.search(low, pos, end)
    return m.start() if m else end + 1


_SKIP_PUNCT = re.compile(r"[\s,:;-]*")
_LIST_GLUE = re.compile(r"^(?:\s|-|&|/|\b(?:and|or|etc|is|are|would be|also|both|all)\b\.?)*$")


def _list_start(masked: str, cuts: list[int], left: int, floor: int, positions: list[int], cue: int) -> int:
    """Reach back from `left` over clauses that hold a skill and nothing else ("Tableau, Looker or Power BI
    preferred"), when the cue's own clause is such a list item too; `masked` starts at `floor`."""
    base = floor
    if not _LIST_GLUE.match(masked[(left + 1 if left > floor else floor) - base : cue - base]):
        return left
    while left > floor:
        prev = _cut_before(cuts, left, floor)
        segment = masked[(prev + 1 if prev > floor else floor) - base : left - base]
        has_skill = bisect_left(positions, prev) < bisect_left(positions, left)
        if not has_skill or not _LIST_GLUE.match(segment):
            break
        left = prev
    return left


def _cut_after(cuts: list[int], pos: int, ceiling: int) -> int:
    k = bisect_left(cuts, pos)
    return cuts[k] if k < len(cuts) and cuts[k] < ceiling else ceiling


def _cut_before(cuts: list[int], pos: int, floor: int) -> int:
    k = bisect_left(cuts, pos) - 1
    return cuts[k] if k >= 0 and cuts[k] >= floor else floor


def _degree_subject_spans(masked: str, base: int) -> list[tuple[int, int]]:
    spans = []
    for m in _DEGREE_SUBJECT.finditer(masked):
        end_m = _DEGREE_SUBJECT_END.search(masked, m.end(), min(len(masked), m.end() + WINDOW))
        spans.append((base + m.end(), base + (end_m.start() if end_m else min(len(masked), m.end() + WINDOW))))
    return spans


# ---------------------------------------------------------------- years, degree, mode, place, pay

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    r"(?P<pre>at least|minimum of|minimum|min\.?|over|more than|)\s{0,3}" + _NUM.replace("(", "(?P<a>", 1)
    + r"\s{0,3}(?:\+|plus)?\s{0,3}(?:(?:-|to|or)\s{0,3}" + _NUM.replace("(", "(?P<b>", 1) + r"\s{0,3}\+?\s{0,3})?"
    r"(?P<unit>years?|yrs?)\b(?P<post>[^.;\n]{0,50})"
)
_YEARS_BAD_POST = re.compile(r"^\s*(?:old|ago|of age|degree|program|course|contract|in business|warranty)")
_YEARS_BAD_PRE = re.compile(r"(?:founded|for the past|since|been around|we've been|over the last|in the last"
                            r"|within|next|first|after)\s*$")


def _years(low: str, sentences: list[_Sentence], asking: list[tuple[int, int]]) -> tuple[float | None, float | None]:
    best: tuple[float, float | None] | None = None
    starts = [s.start for s in sentences]
    for start, end in asking:
        kind = _kind_at(sentences, starts, start)
        for m in _YEARS.finditer(low, start, end):
            pre_text = low[max(start, m.start() - 25) : m.start("a")]
            if _YEARS_BAD_POST.match(m.group("post")) or _YEARS_BAD_PRE.search(pre_text):
                continue
            if low[m.start("a") - 1 : m.start("a")] in {"-", "."} and m.start("a") > 0:
                continue
            plus = "+" in low[m.end("a") : m.start("unit")] or "plus" in low[m.end("a") : m.start("unit")]
            post = m.group("post")
            if not (plus or m.group("pre") or m.group("b") or re.match(
                    r"\s*(?:of|in|with|as|building|working|doing|applying|leading|hands-on|industry|professional"
                    r"|experience|exp|\)|$|\.|,)", post)):
                continue
            a = _num(m.group("a"))
            b = _num(m.group("b")) if m.group("b") else None
            if a is None or a > 30 or (b is not None and (b < a or b > 40)):
                continue
            if kind != "nice" and (best is None or a > best[0]):
                best = (a, b)
    return best if best is not None else (None, None)


def _num(word: str) -> float | None:
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _kind_at(sentences: list[_Sentence], starts: list[int], pos: int) -> str:
    k = bisect_right(starts, pos) - 1
    return sentences[k].kind if k >= 0 else "intro"


_DEGREE_LEVELS: list[tuple[DegreeLevel, re.Pattern[str]]] = [
    (DegreeLevel.phd, re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral degree\b")),
    (DegreeLevel.master, re.compile(
        r"\bmaster'?s\b|\bmasters?(?=\s+(?:in|degree|of))|\bm\.?sc\b|\bm\.s\.|\bms(?=\s*(?:in|or|degree|/|,))"
        r"|\bmeng\b|\bmba\b")),
    (DegreeLevel.bachelor, re.compile(
        r"\bbachelor'?s?\b|\bb\.?sc\b|\bb\.s\.|\bbs(?=\s*(?:in|or|degree|/|,))|\bba\b(?=\s+in)|\bbeng\b"
        r"|\bundergraduate degree\b|\bdegree\b")),
]
_NO_DEGREE = _rx(r"\bno (?:college |university |formal )?degree\b|\bdegree (?:is )?not required\b"
                 r"|\bwithout a degree\b|\bdon't need a degree\b|\bdegrees? (?:are|is) not (?:needed|required)")
_DEGREE_STUDENT = re.compile(r"\b(?:pursuing|enrolled|studying|student|currently|final year|last year)\b")
_DEGREE_STUDENT_AFTER = re.compile(r"^(?:'s)?\s*(?:students?|programmes?|programs?|candidates?|interns?)\b")
_EQUIVALENT = _rx(r"\bor equivalent\b|\bequivalent (?:practical |work |professional )?experience\b"
                         r"|\bor similar experience\b|\bnot required\b|\bbut not required\b")
_RANK = {DegreeLevel.none: 0, DegreeLevel.bachelor: 1, DegreeLevel.master: 2, DegreeLevel.phd: 3}


def _degree(low: str, sentences: list[_Sentence]) -> tuple[DegreeLevel | None, bool | None]:
    required: list[DegreeLevel] = []
    preferred: list[DegreeLevel] = []
    none_said = False
    for sent in sentences:
        if sent.kind == "ignore":
            continue
        text = low[sent.start : sent.end]
        if _NO_DEGREE.search(text):
            none_said = True
            continue
        levels: list[DegreeLevel] = []
        for level, pattern in _DEGREE_LEVELS:
            for m in pattern.finditer(text):
                if _DEGREE_STUDENT_AFTER.match(text[m.end() : m.end() + 15]):
                    continue
                if _DEGREE_STUDENT.search(text[max(0, m.start() - 40) : m.start()]):
                    continue
                if m.group(0) == "degree" and levels:
                    continue  # "Master's degree": the level is already named
                levels.append(level)
        if not levels:
            continue
        lowest = min(levels, key=lambda lv: _RANK[lv])
        soft = sent.kind == "nice" or bool(_NICE_CUE.search(text)) or bool(_EQUIVALENT.search(text))
        (preferred if soft else required).append(lowest)
    if required:
        return min(required, key=lambda lv: _RANK[lv]), True
    if preferred:
        return min(preferred, key=lambda lv: _RANK[lv]), False
    if none_said:
        return DegreeLevel.none, False
    return None, None


_HYBRID = _rx(r"\bhybrid\b|\b\d (?:days?|x) (?:a|per) week (?:in|at) (?:the |our )?(?:office|hq)")
_REMOTE = re.compile(r"\b(?:fully |100% |remote[- ]first|remote[- ]friendly)?remote\b|\bwork from home\b|\bwfh\b"
                     r"|\bwork(?:ing)? remotely\b")
_ONSITE = _rx(r"\bon[- ]?site\b|\bin[- ]office\b|\boffice[- ]based\b|\bin (?:the|our) office \d|\bin person\b"
                     r"|\bnot remote\b|\bno remote\b|\bremote is not\b|\b5 days (?:a week )?in (?:the |our )?office"
                     r"|\b(?:work|working|based) (?:from|in|at|out of) (?:our|the) (?!home\b)(?:[\w-]+ ){0,2}office\b")
_NOT_REMOTE = _rx(r"\b(?:not|no|isn't|is not)\s+(?:a\s+)?(?:fully\s+)?remote\b")


def _work_mode(low: str, title_end: int) -> WorkMode | None:
    head = low[: max(title_end, 0) + 400]
    hybrid = _HYBRID.search(low)
    if hybrid and not re.search(r"\b(?:not|no)\s+hybrid", low[max(0, hybrid.start() - 8) : hybrid.end()]):
        return WorkMode.hybrid
    if _NOT_REMOTE.search(low):
        return WorkMode.onsite
    remote, onsite = _REMOTE.search(low), _ONSITE.search(low)
    if remote and onsite:
        rh, oh = _REMOTE.search(head), _ONSITE.search(head)
        if oh and not rh:
            return WorkMode.onsite
        return WorkMode.remote if rh or remote.start() < onsite.start() else WorkMode.onsite
    if remote:
        return WorkMode.remote
    if onsite:
        return WorkMode.onsite
    return None


_LOCATION_LINE = re.compile(r"^[^\S\n]{0,8}(?:[-*#>|]{1,4}[^\S\n]{0,4})?(?:location|based in|office|where)[^\S\n]{0,4}:"
                            r"[^\S\n]{0,4}"
                            r"(?P<v>[^\n]{1,80})", re.IGNORECASE | re.M)
_LOCATION_PHRASE = re.compile(
    r"\b(?i:hybrid|on-?site|office|based|located|remote)\s*(?:in|,|-|\()\s*(?:our\s+)?"
    r"(?P<v>[A-Z][\w']+(?:[ -][A-Z][\w']+){0,2}(?:,\s*[A-Z]{2}\b)?)"
)
_MODE_WORDS = re.compile(r"\b(?:remote|hybrid|on-?site|in office|office|fully|only|days?|week)\b", re.IGNORECASE)


def _location(text: str, idx: _Index) -> str | None:
    m = _LOCATION_LINE.search(text)
    if m:
        value = m.group("v").strip().rstrip(".")
        return value[:80] or None
    for m in _LOCATION_PHRASE.finditer(text, 0, min(len(text), 3000)):
        value = m.group("v").strip()
        if not _MODE_WORDS.fullmatch(value) and _tokens(value) not in idx.skills:  # "remote - Python" is no place
            return value
    return None


_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
             "cad": "CAD", "c$": "CAD", "chf": "CHF", "aud": "AUD", "a$": "AUD", "inr": "INR", "₹": "INR"}
_AMOUNT = r"(?<![\d.,])(?:\d{1,3}(?:[,.]\d{3}){1,4}(?:\.\d{1,2})?|\d{1,9}(?:\.\d{1,2})?)(?![\d])"
_CUR = r"(?:us\$|c\$|a\$|\$|€|£|₹|usd|eur|gbp|cad|chf|aud|inr)"
_SALARY = re.compile(
    r"(?P<c1>" + _CUR + r")\s?(?P<a>" + _AMOUNT + r")\s?(?P<ak>k\b)?"
    r"(?:\s*(?:-|to|and)\s*(?P<c2>" + _CUR + r")?\s?(?P<b>" + _AMOUNT + r")\s?(?P<bk>k\b)?)?"
    r"|(?P<a2>" + _AMOUNT + r")\s?(?P<ak2>k\b)?(?:\s*(?:-|to)\s*(?P<b2>" + _AMOUNT + r")\s?(?P<bk2>k\b)?)?\s?"
    r"(?P<c3>usd|eur|gbp|cad|chf|aud|inr|€|£)"
)
_NOT_PAY_AFTER = re.compile(r"^[^.\n]{0,25}\b(?:budget|allowance|credit|bonus|stipend for|grant|funding|raised|"
                            r"revenue|arr|valuation|investment|series)")
_PER_HOUR = re.compile(r"^\s*(?:/\s*(?:h|hr|hour)\b|per hour|an hour|hourly|/hour)")
_PER_MONTH = re.compile(r"^\s*(?:/\s*(?:mo|month)\b|per month|a month|monthly|/month|p\.?m\.)")
_PER_YEAR = re.compile(r"^\s*(?:/\s*(?:yr|year|annum)\b|per year|a year|per annum|annually|p\.?a\.|yearly|/yr)")


def _money(text: str) -> float | None:
    cleaned = text.replace(",", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # 70.000 as a thousands separator
        cleaned = text.replace(".", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _salary(text: str, low: str) -> Salary | None:
    for m in _SALARY.finditer(low):
        after = low[m.end() : m.end() + 40]
        before = low[max(0, m.start() - 40) : m.start()]
        if _NOT_PAY_AFTER.match(after) or re.search(r"\b(?:raised|funding|revenue|budget of|valued at)\s*$", before):
            continue
        cur = m.group("c1") or m.group("c2") or m.group("c3")
        a_txt = m.group("a") or m.group("a2")
        b_txt = m.group("b") or m.group("b2")
        if not cur or not a_txt:
            continue
        if m.group("c3") and not (m.group("a2") and (m.group("b2") or len(a_txt) >= 4 or m.group("ak2"))):
            continue
        a = _money(a_txt)
        b = _money(b_txt) if b_txt else None
        if a is None:
            continue
        if m.group("ak") or m.group("ak2"):
            a *= 1000
        if b is not None and (m.group("bk") or m.group("bk2") or ((m.group("ak") or m.group("ak2")) and b < 1000)):
            b *= 1000
        if b is not None and b < a:
            b = None
        if a < 5:
            continue
        context = low[max(0, m.start() - 60) : m.end() + 30]
        if a < 1000 and not re.search(r"hour|/h|hr\b|month|salary|pay|rate|stipend", context):
            continue
        period = _period(after, before, a)
        return Salary(min=a, max=b, currency=_CURRENCY[cur], period=period)
    return None


def _period(after: str, before: str, amount: float) -> PayPeriod:
    if _PER_HOUR.match(after) or "hourly" in before:
        return PayPeriod.hour
    if _PER_MONTH.match(after) or re.search(r"monthly|per month|stipend", before):
        return PayPeriod.month
    if _PER_YEAR.match(after) or re.search(r"annual|yearly|per year|base", before):
        return PayPeriod.year
    if amount < 300:
        return PayPeriod.hour
    if amount < 15000:
        return PayPeriod.month
    return PayPeriod.year


# ---------------------------------------------------------------- role, title, seniority

_TITLE_CUT = re.compile(r"\s+[-|]\s+|\s*\((?:[^)]*\b(?:remote|hybrid|on-?site|office|based|\d+)\b[^)]*)\)|\.\s|\s@\s"
                        r"|,\s+(?=(?:remote|hybrid|on-?site)\b)", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^\W*(?:job title|title|position|role|we're hiring|we are hiring|hiring)\s*[:-]?\s*",
                           re.IGNORECASE)


def _title(text: str, start: int, end: int) -> str:
    line = _TITLE_PREFIX.sub("", text[start : min(end, start + 300)].strip().strip("#*_ ").strip())
    cut = _TITLE_CUT.search(line)
    title = line[: cut.start()] if cut and cut.start() > 2 else line
    return title.strip(" -|,.*_#")[:120]  # "**MLOps Engineer** (remote)": the markup left after the cut too


def _roles_in(low_words: list[_Tok], idx: _Index) -> list[tuple[int, str]]:
    words = [t.word for t in low_words if t.word not in {"&", "/"}]
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        hit = _longest(words, i, idx.roles, idx.role_lengths)
        if hit is None:
            i += 1
            continue
        n, role = hit
        found.append((n, role))
        i += n
    return found


def _role(title_low: str, head_low: str, idx: _Index, skills: Iterable[str]) -> str | None:
    for source in (title_low, head_low):
        roles = _roles_in(_scan(source, source), idx)
        if roles:
            return max(roles, key=lambda r: r[0])[1]
    wanted = set(skills)
    if not wanted:
        return None
    # No role named: the role whose needed skills cover most of the ad's, then the one sharing most (catalog order).
    scored = [(len(wanted & needs), -k, role) for k, (role, needs) in enumerate(idx.role_skills.items())]
    best = max(scored, default=None)
    return best[2] if best and best[0] > 0 else None


def _seniority(title_low: str, years: float | None) -> Seniority | None:
    for level, pattern in SENIORITY_WORDS:
        if pattern.search(title_low):
            return level
    if years is None:
        return None
    if years < 2:
        return Seniority.junior
    if years < 5:
        return Seniority.mid
    if years < 8:
        return Seniority.senior
    return Seniority.staff


# ---------------------------------------------------------------- unknown technologies

_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # "GPUs", "APIs": plurals, not product names
_CAMEL = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Za-z]*)$")


def _unknown(text: str, toks: list[_Tok], covered: list[bool], asking: list[tuple[int, int]],
             sentences: list[_Sentence], idx: _Index) -> list[str]:
    real = [t for t in toks if t.word not in {"&", "/"}]
    spans = sorted(asking)
    span_starts = [a for a, _ in spans]
    out: dict[str, str] = {}
    for k, tok in enumerate(real):
        if covered[k]:
            continue
        j = bisect_right(span_starts, tok.start) - 1
        if j < 0 or tok.start >= spans[j][1]:
            continue
        raw = text[tok.start : tok.end]
        low = raw.lower()
        pair = f"{low} {real[k + 1].word}" if k + 1 < len(real) else ""
        if pair in TECH_WORDS:
            name = TECH_WORDS[pair]
        elif low in TECH_WORDS and (low != "go" or raw == "Go"):
            name = TECH_WORDS[low]
        elif raw == "Go" and re.search(r"[,/(]\s*$|\band\s+$", text[max(0, tok.start - 6) : tok.start]):
            name = "Go"
        elif (_CAMEL.match(raw) and not _PLURAL_ACRONYM.match(raw) and low not in NOT_TECH
              and _stem(low) not in idx.known_words and len(raw) <= 24):
            name = raw
        else:
            continue
        if _stem(name.lower()) in idx.known_words and " " not in name:
            continue
        out.setdefault(name.lower(), name)
    return list(out.values())


# ---------------------------------------------------------------- the reader


def read_job_ad(text: str, catalog: Catalog) -> JobAd:
    """Read one job ad against a catalog (see the module docstring for how)."""
    truncated = len(text) > MAX_CHARS
    text = _prepare(text[:MAX_CHARS])
    low = _lower_aligned(text)
    idx = _index_for(catalog)
    toks = _scan(text, low)
    mentions, covered = _find_skills(text, toks, idx)
    sentences, title_start, title_end, _ = _layout(low, text, [m.start for m in mentions])
    asking = _place(low, sentences, mentions)
    required: dict[str, None] = {}
    nice: dict[str, None] = {}
    for m in mentions:
        if m.level == "required":
            required.setdefault(m.skill)
        elif m.level == "nice":
            nice.setdefault(m.skill)
    nice_only = [s for s in nice if s not in required]
    years_min, years_max = _years(low, sentences, asking)
    degree, degree_required = _degree(low, sentences)
    title = _title(text, title_start, title_end)
    role = _role(title.lower(), low[:600], idx, [*required, *nice_only])
    return JobAd(
        role=role,
        title=title,
        seniority=_seniority(title.lower(), years_min),
        required_skills=list(required),
        nice_skills=nice_only,
        years_min=years_min,
        years_max=years_max,
        degree=degree,
        degree_required=degree_required,
        location=_location(text, idx),
        remote=_work_mode(low, title_end),
        salary=_salary(text, low),
        unknown_skills=_unknown(text, toks, covered, asking, sentences, idx),
        truncated=truncated,
    )


# ---------------------------------------------------------------- matching against a learner

REQUIRED_WEIGHT = 2.0
NICE_WEIGHT = 1.0
BASIC_CREDIT = 0.5


class SkillMatch(BaseModel):
    """One skill of the ad and where the learner stands on it."""

    skill: str
    required: bool
    status: str = Field(description="have, planned or missing")
    depth: Depth | None = Field(None, description="the learner's depth when they have it")
    by: date | None = Field(None, description="when the plan teaches it, for planned skills")


class JobMatch(BaseModel):
    """How close a learner is to an ad today and at the end of their plan."""

    have: list[str] = []
    planned: dict[str, date] = Field(default={}, description="skill id -> the date the plan teaches it by")
    missing: list[str] = Field(default=[], description="skills neither known nor in the plan")
    skills: list[SkillMatch] = []
    percent: int | None = Field(None, description="match today, 0-100; None when the ad names no skill")
    percent_planned: int | None = Field(None, description="match once every planned skill is learnt")
    ready_by: date | None = Field(None, description="when every required skill is known, if the plan covers them")
    years_gap: float | None = Field(None, description="years of experience short of the ad's minimum")
    degree_gap: DegreeLevel | None = Field(None, description="the required degree the learner lacks")

    @property
    def missing_required(self) -> list[str]:
        """Required skills neither known nor planned."""
        return [s.skill for s in self.skills if s.required and s.status == "missing"]


_EDU_RANK = {Education.none: 0, Education.high_school: 0, Education.bootcamp: 0, Education.bachelor: 1,
             Education.master: 2, Education.phd: 3}


def match(ad: JobAd, known_skills: Mapping[str, Depth | str | None], planned: Mapping[str, date],
          years_experience: float | None = None, education: Education | None = None) -> JobMatch:
    """Compare an ad with what a learner knows and what their plan teaches by when.

    Match percentage: each required skill weighs `REQUIRED_WEIGHT` (2), each nice-to-have `NICE_WEIGHT` (1);
    a known skill earns its full weight (half when the learner knows it only at basic depth), anything else 0.
    `percent` is the earned share of the total weight, rounded; `percent_planned` counts planned skills as
    known at working depth. With no skill in the ad both are None. `ready_by` is the latest date among the
    required skills the plan teaches; None when no required skill waits for the plan (all known already) or
    when a required skill is missing from the plan. Years and degree are reported as gaps, never folded into
    the percentage.
    """
    rows: list[SkillMatch] = []
    earned = earned_planned = total = 0.0
    have: list[str] = []
    planned_out: dict[str, date] = {}
    missing: list[str] = []
    ready: date | None = None
    ready_possible = True
    for skill, required in [*((s, True) for s in ad.required_skills), *((s, False) for s in ad.nice_skills)]:
        weight = REQUIRED_WEIGHT if required else NICE_WEIGHT
        total += weight
        if skill in known_skills:
            given = known_skills[skill]
            depth = Depth(given) if given else None
            credit = BASIC_CREDIT if depth_rank(depth) == 1 else 1.0
            earned += weight * credit
            # Only a skill known a little and deepened by the plan waits for it; an ad asks for working use, so
            # a skill known at working depth or more is had, even when the role's plan takes it deeper.
            if skill in planned and credit < 1.0:
                earned_planned += weight
                planned_out[skill] = planned[skill]
                rows.append(SkillMatch(skill=skill, required=required, status="planned", depth=depth,
                                       by=planned[skill]))
                if required:
                    ready = max(ready, planned[skill]) if ready else planned[skill]
            else:
                earned_planned += weight * credit
                rows.append(SkillMatch(skill=skill, required=required, status="have", depth=depth))
            have.append(skill)
        elif skill in planned:
            earned_planned += weight
            planned_out[skill] = planned[skill]
            rows.append(SkillMatch(skill=skill, required=required, status="planned", by=planned[skill]))
            if required:
                ready = max(ready, planned[skill]) if ready else planned[skill]
        else:
            missing.append(skill)
            rows.append(SkillMatch(skill=skill, required=required, status="missing"))
            if required:
                ready_possible = False
    percent = round(100 * earned / total) if total else None
    percent_planned = round(100 * earned_planned / total) if total else None
    years_gap = None
    if ad.years_min is not None and years_experience is not None and years_experience < ad.years_min:
        years_gap = ad.years_min - years_experience
    degree_gap = None
    if (ad.degree not in (None, DegreeLevel.none) and ad.degree_required and education is not None
            and _EDU_RANK[education] < _RANK[ad.degree]):
        degree_gap = ad.degree
    return JobMatch(
        have=have,
        planned=dict(sorted(planned_out.items(), key=lambda kv: kv[1])),
        missing=missing,
        skills=rows,
        percent=percent,
        percent_planned=percent_planned,
        ready_by=ready if ready_possible else None,
        years_gap=years_gap,
        degree_gap=degree_gap,
    )


# ---------------------------------------------------------------- the reply text


def match_message(ad: JobAd, result: JobMatch, catalog: Catalog) -> str:
    """The one plain-text message about an ad and a learner's match (strings in bot/texts.py)."""
    names = {s.id: s.name for s in catalog.skills}

    def name(skill: str, required: bool) -> str:
        label = names.get(skill, skill)
        return label if required else t.JOB_NICE_MARK.format(skill=label)

    facts: list[str] = []
    if ad.seniority:
        facts.append(t.JOB_SENIORITY.format(seniority=ad.seniority.value))
    if ad.years_min is not None:
        facts.append(t.JOB_YEARS_RANGE.format(low=f"{ad.years_min:g}", high=f"{ad.years_max:g}")
                     if ad.years_max is not None else t.JOB_YEARS_MIN.format(years=f"{ad.years_min:g}"))
    if ad.degree is DegreeLevel.none:
        facts.append(t.JOB_NO_DEGREE)
    elif ad.degree is not None:
        template = t.JOB_DEGREE_REQUIRED if ad.degree_required else t.JOB_DEGREE_PREFERRED
        facts.append(template.format(degree=t.JOB_DEGREE_NAMES[ad.degree.value]))
    if ad.location:
        facts.append(ad.location)
    if ad.remote:
        facts.append(t.JOB_MODE_NAMES[ad.remote.value])
    if ad.salary:
        s = ad.salary
        facts.append(t.JOB_SALARY_RANGE.format(low=s.min, high=s.max, currency=s.currency, period=s.period.value)
                     if s.max is not None else
                     t.JOB_SALARY.format(low=s.min, currency=s.currency, period=s.period.value))
    lines = [t.JOB_HEADER.format(title=ad.title) if ad.title else t.JOB_HEADER_UNKNOWN]
    if facts:
        lines.append(t.JOB_FACTS.format(facts=" · ".join(facts)))
    if result.percent is None:
        lines.append(t.JOB_MATCH_NONE)
    else:
        lines.append(" ".join([t.JOB_MATCH_TODAY.format(percent=result.percent),
                               t.JOB_MATCH_PLANNED.format(percent=result.percent_planned)]))
    have = [name(r.skill, r.required) for r in result.skills if r.status == "have"]
    planned = sorted((r for r in result.skills if r.status == "planned" and r.by), key=lambda r: r.by or date.max)
    missing = [name(r.skill, r.required) for r in result.skills if r.status == "missing"]
    if have:
        lines.append(t.JOB_HAVE.format(skills=", ".join(have)))
    if planned:
        lines.append(t.JOB_PLANNED.format(skills=", ".join(
            t.JOB_PLANNED_ITEM.format(skill=name(r.skill, r.required), date=_day(r.by)) for r in planned)))
    if missing:
        lines.append(t.JOB_MISSING.format(skills=", ".join(missing)))
    if result.ready_by:
        lines.append(t.JOB_READY_BY.format(date=_day(result.ready_by)))
    if result.years_gap:
        lines.append(t.JOB_YEARS_GAP.format(years=result.years_gap))
    if result.degree_gap:
        lines.append(t.JOB_DEGREE_GAP.format(degree=t.JOB_DEGREE_NAMES[result.degree_gap.value]))
    if ad.unknown_skills:
        lines.append(t.JOB_UNKNOWN.format(skills=", ".join(ad.unknown_skills)))
    return "\n".join(lines)


def _day(day: date | None) -> str:
    return day.strftime(t.JOB_DATE_FORMAT) if day else ""
