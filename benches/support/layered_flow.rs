//! A large IVR, generated: an entry menu, then layers of ten menus, each menu offering ten keys
//! that lead to the ten menus of the next layer, and agents at the end. The number of paths
//! grows tenfold with each layer (10^19 from the entry to the last layer of a 200-document
//! flow), while the number of distinct call states stays small: some menus give the recording
//! notice, some name the business, some start a recording. A checker that enumerated paths
//! would never finish; one that merges paths by state checks each document a few times.

use twiml::callflow::{FlowConfig, RouteInput};

/// The generated flow: its routes, and the document of each file.
pub(crate) struct LayeredFlow {
    /// The routes, the entry `/voice`.
    pub(crate) config: FlowConfig,
    /// `(file, document)`, one per route.
    pub(crate) documents: Vec<(String, String)>,
}

impl LayeredFlow {
    /// The document of `file`.
    pub(crate) fn read(&self, file: &str) -> std::io::Result<Vec<u8>> {
        self.documents
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, d)| d.as_bytes().to_vec())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
}

/// The keys a menu offers, in the order it names them.
const KEYS: [char; 10] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/// A menu whose ten keys lead to `action`, after what `intro` says.
fn menu(intro: &str, action: &str) -> String {
    let mut prompt = String::new();
    for (i, key) in KEYS.iter().enumerate() {
        prompt.push_str(&format!("For option {}, press {key}. ", i + 1));
    }
    format!(
        "<Response>{intro}<Gather numDigits=\"1\" action=\"{action}\"><Say>{}</Say></Gather><Say>Goodbye.</Say></Response>",
        prompt.trim_end()
    )
}

/// A flow of `1 + layers * 10 + 9` documents (the entry, the layers, eight agents and their
/// whisper): with `layers = 19`, 200.
pub(crate) fn layered_flow(layers: usize) -> LayeredFlow {
    let mut config = FlowConfig::new()
        .base_url("https://ivr.example.com")
        .entry("/voice")
        .route("/voice", "voice.xml");
    let mut documents = vec![(
        "voice.xml".to_string(),
        menu("<Say>Welcome.</Say>", "/layer/1"),
    )];
    for layer in 1..=layers {
        let path = format!("/layer/{layer}");
        for (d, key) in KEYS.iter().enumerate() {
            let file = format!("layer-{layer}-{d}.xml");
            config = config.route_for(&path, RouteInput::Key(*key), &file);
            // What the menu does before it asks: the state the calls that pass through it
            // take on.
            let intro = match d {
                0 | 4 => "<Say>This call may be recorded for quality.</Say>",
                2 => "<Say>Thank you for calling Acme Widgets.</Say>",
                6 => "<Start><Recording/></Start><Say>One moment.</Say>",
                _ => "<Say>Please listen carefully.</Say>",
            };
            let next = if layer == layers {
                "/agent".to_string()
            } else {
                format!("/layer/{}", layer + 1)
            };
            documents.push((file, menu(intro, &next)));
        }
    }
    // The agents: a recorded call to one of eight desks, whose agent hears the notice in a
    // whisper; 9 and 0 go back to the start.
    for (d, key) in KEYS.iter().enumerate() {
        if matches!(key, '9' | '0') {
            config = config.route_for("/agent", RouteInput::Key(*key), "voice.xml");
            continue;
        }
        let file = format!("agent-{d}.xml");
        config = config.route_for("/agent", RouteInput::Key(*key), &file);
        documents.push((
            file,
            format!(
                "<Response><Say>Connecting you to desk {}.</Say><Dial record=\"record-from-answer\"><Number url=\"/whisper\">+1415555{:04}</Number></Dial></Response>",
                d + 1,
                100 + d
            ),
        ));
    }
    config = config.route("/whisper", "whisper.xml");
    documents.push((
        "whisper.xml".to_string(),
        "<Response><Say>A customer from the main line. This call is recorded.</Say></Response>"
            .to_string(),
    ));
    LayeredFlow { config, documents }
}
