"""Words of job ads: skill aliases ads use, catalog aliases ads mean otherwise, job nouns, technologies, levels."""

from __future__ import annotations

import re

from bot.domain.jobad.model import Seniority

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
