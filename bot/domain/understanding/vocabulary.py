"""Words the reader knows beyond the catalog: extra aliases, common and function words, job nouns, tools."""

from __future__ import annotations

# Extra phrasings for the canonical ids (docs/VOCABULARY.md); used only when the catalog has the id.
EXTRA_ALIASES: dict[str, tuple[str, list[str]]] = {
    "ml-engineer": ("role", ["ml engineer", "ml eng", "ml engineering", "machine learning engineering",
                             "mle", "ml engineers", "machine learning engineers"]),
    "data-scientist": ("role", ["ds", "data science", "data scientist", "data scientists"]),
    "nlp-engineer": ("role", ["nlp", "nlp engineer", "nlp engineering", "nlp eng"]),
    "cv-engineer": ("role", ["cv", "computer vision", "cv engineer", "computer vision engineer", "cv eng"]),
    "deep-learning-engineer": ("role", ["dl engineer", "deep learning engineer", "deep learning engineering"]),
    "mlops-engineer": ("role", ["mlops", "ml ops", "mlops engineer", "mlops engineering"]),
    "ml-researcher": ("role", ["ml researcher", "ai researcher", "ml research", "research scientist"]),
    "ai-engineer": ("role", ["ai engineer", "llm engineer", "llm eng", "llm engineering", "ai engineering",
                             "genai engineer", "llm developer", "llm dev", "ai developer"]),
    "data-engineer": ("role", ["data engineer", "data engineering"]),
    "data-analyst": ("role", ["data analyst", "data analytics", "data analysis"]),
    "vector-databases": ("skill", ["vector databases", "vector database"]),
    "nlp": ("domain", ["nlp", "natural language processing"]),
    "computer-vision": ("domain", ["computer vision", "cv"]),
    "speech": ("domain", ["speech"]),
    "recommender-systems": ("domain", ["recommender systems", "recommendation systems", "recommenders"]),
    "time-series": ("domain", ["time series", "forecasting"]),
    "reinforcement-learning": ("domain", ["reinforcement learning"]),
    "generative-ai": ("domain", ["generative ai", "genai", "gen ai"]),
    "tabular-business": ("domain", ["fraud", "churn", "pricing", "fintech"]),
    "spreadsheets-bi": ("skill", ["spreadsheets", "spreadsheet"]),
    "ml-fundamentals": ("skill", ["machine learning", "ml"]),
    "statistics": ("skill", ["statistics", "stats"]),
    "sql": ("skill", ["sql"]),
}

# A goal that names only the field ("get into ML", "AI") is asked back, never assumed.
WEAK_ROLE: dict[str, str] = {
    "ml": "ml-engineer",
    "machine learning": "ml-engineer",
    "ai": "ai-engineer",
    "artificial intelligence": "ai-engineer",
}

# Ordinary English words that some aliases also are ("text", "research"): they count as a skill or
# domain only when the sentence is clearly about skills or interests, and are never fuzzy-matched.
COMMON_WORDS = frozenset(
    [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "ads", "agents", "analysis", "analyst", "api", "apis", "arrays", "attention", "audio", "back",
        "basic", "basics", "be", "because", "been", "before", "being", "best", "better", "between", "bias",
        "big", "bit", "both", "build", "but", "by", "can", "charts", "classification", "cloud",
        "clustering", "code", "coding", "collaboration", "complexity", "control", "cool", "could", "data",
        "day", "decision", "deployment", "derivatives", "design", "detection", "development", "did",
        "distributions", "do", "documentation", "does", "doing", "done", "each", "evals", "experience",
        "features", "few", "for", "from", "fun", "generative", "get", "good", "gradients", "great", "had",
        "has", "have", "help", "her", "here", "him", "his", "how", "i", "if", "images", "in", "inference",
        "into", "is", "it", "its", "job", "just", "language", "learn", "learning", "less", "like", "little",
        "lot", "make", "many", "me", "metrics", "model", "models", "monitoring", "more", "most", "much",
        "my", "need", "new", "no", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
        "out", "over", "own", "papers", "people", "personalization", "precision", "presentation", "pricing",
        "prompts", "queries", "ranking", "really", "recall", "regression", "recommendations", "research",
        "risk", "same", "serving", "shell", "should", "so", "some", "spare", "speech", "still", "streaming",
        "such", "take", "terminal", "testing", "text", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "thing", "think", "this", "those", "through", "time", "to", "too",
        "tracking", "translation", "under", "until", "up", "use", "used", "using", "very", "video",
        "vision", "voice", "want", "was", "way", "we", "well", "were", "what", "when", "where", "which",
        "while", "who", "why", "will", "with", "work", "working", "would", "writing", "year", "years",
        "you", "your", "vectors", "containers", "deep", "tuning", "free", "trial"
    ]
)

# Words that never start or end a catalog phrase: n-grams beginning or ending with one are not fuzzy-matched.
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "i", "i'm", "im", "my", "me", "you", "your", "we", "our", "it", "its", "is", "am",
        "are", "was", "be", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by",
        "from", "as", "that", "this", "what", "how", "just", "really", "very", "some", "any", "no", "not",
        "do", "don't", "can", "can't", "have", "has", "had", "will", "would", "about", "into", "than",
        "then", "there", "here"
    ]
)

# Alias spellings of two letters or fewer that are safe in lower case; others need upper case ("R", "DE").
SHORT_LOWER_OK = frozenset({"ml", "dl", "rl", "cv", "ds", "tf", "np", "pd", "py", "nn", "ai"})

# Nouns that end a job title ("backend developer", "high school teacher").
JOB_NOUNS = frozenset(
    [
        "developer", "developers", "dev", "devs", "engineer", "engineers", "programmer", "coder", "analyst",
        "scientist", "teacher", "student", "manager", "designer", "consultant", "accountant", "researcher",
        "administrator", "admin", "sysadmin", "tester", "nurse", "doctor", "physician", "lawyer",
        "physicist", "mathematician", "statistician", "economist", "marketer", "intern", "technician",
        "architect", "specialist", "officer", "writer", "journalist", "editor", "lecturer", "professor",
        "tutor", "assistant", "clerk", "cashier", "driver", "chef", "cook", "barista", "waiter", "waitress",
        "recruiter", "founder", "freelancer", "contractor", "lead", "director", "coordinator", "operator",
        "mechanic", "electrician", "pharmacist", "biologist", "chemist", "geologist", "musician", "artist",
        "photographer", "translator", "banker", "trader", "actuary", "auditor", "sre", "devops", "dba",
        "pilot", "librarian", "postdoc", "owner", "representative", "rep", "salesperson", "agent",
        "support", "qa", "pm", "swe", "sde", "teach", "strategist", "planner", "executive", "associate", "instructor",
        "trainer", "candidate", "servant", "worker", "employee", "nurse", "paramedic", "veterinarian", "vet",
        "surgeon", "dentist", "therapist", "psychologist", "soldier", "sergeant", "captain", "firefighter",
        "policeman", "policewoman", "farmer", "carpenter", "plumber", "welder", "machinist", "baker", "butcher",
        "cleaner", "janitor", "receptionist", "secretary", "bookkeeper", "underwriter", "broker", "realtor",
        "supervisor", "educator", "paralegal", "advisor", "adviser", "controller", "ux", "sde", "swe",
        "counsel", "attorney", "solicitor", "barrister", "notary", "postdoctoral", "bartender", "courier", "nanny",
        "caregiver", "carer", "hairdresser", "salesman", "saleswoman", "housekeeper", "dishwasher", "miner",
        "fisherman", "tailor", "gardener", "landscaper", "roofer", "bricklayer", "labourer", "laborer",
        "shopkeeper", "storekeeper", "homemaker", "bartenders", "dancer", "singer", "actor", "actress", "painter",
        "sailor", "seaman", "merchandiser", "cashier", "stocker", "packer", "dispatcher", "steward", "stewardess"
    ]
)

# Nouns that are never jobs although they end like one ("list", "christian" aside, these come up in messages).
_NOT_JOBS = frozenset({"list", "playlist", "checklist", "wishlist", "exist", "assist", "insist", "resist", "consist",
                       "persist", "twist", "wrist", "fist", "mist", "gist", "schist", "asian", "indian", "italian",
                       "russian", "canadian", "brazilian", "australian", "christian", "median", "guardian", "meridian"})


def is_job_noun(word: str) -> bool:
    """A noun that ends a job title: the listed ones, and "-ist"/"-ian" words (agronomist, technician)."""
    word = word.strip(".,;:!?()'\"").lower()
    if word in JOB_NOUNS or word.rstrip("s") in JOB_NOUNS:
        return True
    stem = word[:-1] if word.endswith("s") else word
    return len(stem) > 5 and stem.endswith(("ist", "ian")) and stem not in _NOT_JOBS

# Tools outside the catalog's vocabulary that learners name: kept as other experience, never an error.
OTHER_TECH: dict[str, str] = {
    "go": "go", "golang": "go", "terraform": "terraform", "javascript": "javascript", "js": "javascript",
    "typescript": "typescript", "react": "react", "react.js": "react", "reactjs": "react", "angular": "angular",
    "vue": "vue", "node": "node.js", "node.js": "node.js", "nodejs": "node.js", "latex": "latex", "rust": "rust",
    "php": "php", "ruby": "ruby", "rails": "ruby on rails", "swift": "swift", "c#": "c#", ".net": ".net",
    "dotnet": ".net", "matlab": "matlab", "sas": "sas", "spss": "spss", "stata": "stata", "ansible": "ansible",
    "jenkins": "jenkins", "figma": "figma", "unity": "unity", "html": "html", "css": "css", "django": "django",
    "julia": "julia", "perl": "perl", "haskell": "haskell", "elixir": "elixir", "flutter": "flutter",
    "dart": "dart", "android": "android", "ios": "ios", "wordpress": "wordpress", "graphql": "graphql",
    "redis": "redis", "elasticsearch": "elasticsearch", "salesforce": "salesforce", "sap": "sap",
    "photoshop": "photoshop", "autocad": "autocad", "solidworks": "solidworks", "labview": "labview",
    "fortran": "fortran", "cobol": "cobol", "vba": "vba", "c": "c", "spring": "spring", "laravel": "laravel",
    "pulumi": "pulumi", "cloudformation": "cloudformation", "grafana": "grafana", "prometheus": "prometheus",
    "jira": "jira", "selenium": "selenium", "cypress": "cypress", "svelte": "svelte", "next.js": "next.js",
    "illustrator": "illustrator", "indesign": "indesign", "firebase": "firebase", "revit": "revit",
    "arduino": "arduino", "dax": "dax", "alteryx": "alteryx", "qlik": "qlik", "hubspot": "hubspot",
    "sharepoint": "sharepoint", "powershell": "powershell", "blender": "blender", "xamarin": "xamarin",
    "abap": "abap", "kotlin": "kotlin", "ts": "typescript", "simulink": "simulink", "verilog": "verilog",
    "vhdl": "vhdl", "minitab": "minitab", "eviews": "eviews", "gams": "gams", "ansys": "ansys", "comsol": "comsol",
    "catia": "catia", "plc": "plc",
}
# Names of two words; the second names the tool kept ("spring boot" is Spring experience).
OTHER_PHRASES: dict[str, str] = {"power query": "power query", "spring boot": "spring", "react native": "react",
                                 "raspberry pi": "raspberry pi", "power automate": "power automate",
                                 "google analytics": "google analytics", "ruby on rails": "ruby on rails"}
# Case-sensitive spellings for the words that are also plain English.
OTHER_CASED = {"go": {"Go", "GO"}, "c": {"C"}, "node": {"Node"}, "spring": {"Spring"}, "unity": {"Unity"},
               "swift": {"Swift"}, "rust": {"Rust"}, "react": {"React", "REACT"}, "dart": {"Dart"},
               "ruby": {"Ruby"}, "julia": {"Julia"}, "sap": {"SAP"}, "sas": {"SAS"}, "ios": {"iOS", "IOS"},
               "rails": {"Rails"}, "vue": {"Vue"}, "js": {"JS"}, "illustrator": {"Illustrator"},
               "blender": {"Blender"}, "dax": {"DAX", "Dax"}, "ts": {"TS"}}
