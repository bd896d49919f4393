use super::*;

fn project() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".specify/templates")).unwrap();
    std::fs::write(
        dir.path().join(".specify/templates/spec-template.md"),
        "# Spec\n",
    )
    .unwrap();
    let root = dir.path().to_str().unwrap().to_owned();
    (dir, root)
}

fn request(description: &str) -> FeatureRequest {
    FeatureRequest {
        description: description.to_owned(),
        persist: true,
        ..FeatureRequest::default()
    }
}

fn create(root: &str, request: &FeatureRequest) -> (Result<NewFeature, FeatureError>, Vec<String>) {
    let mut warnings = Vec::new();
    let result = create_feature(root, request, &|| "20250102-030405".to_owned(), &mut |w| {
        warnings.push(w);
    });
    (result, warnings)
}

#[test]
fn sequential_features_count_up_and_write_the_spec() {
    let (_dir, root) = project();
    let (first, _) = create(&root, &request("Add user authentication"));
    let first = first.unwrap();
    assert_eq!(first.branch_name, "001-user-authentication");
    assert_eq!(
        std::fs::read_to_string(&first.spec_file).unwrap(),
        "# Spec\n"
    );
    let (second, _) = create(&root, &request("Add user authentication"));
    assert_eq!(second.unwrap().feature_num, "002");
    let json = std::fs::read_to_string(format!("{root}/.specify/feature.json")).unwrap();
    assert_eq!(
        json,
        "{\"feature_directory\":\"specs/002-user-authentication\"}\n"
    );
}

#[test]
fn explicit_number_conflicts_move_past_the_highest() {
    let (_dir, root) = project();
    std::fs::create_dir_all(format!("{root}/specs/001-a")).unwrap();
    std::fs::create_dir_all(format!("{root}/specs/007-b")).unwrap();
    let mut req = request("thing");
    req.number = Some("1".to_owned());
    let (result, warnings) = create(&root, &req);
    assert_eq!(result.unwrap().feature_num, "008");
    assert_eq!(
        warnings,
        [
            "[specify] Warning: --number 001 conflicts with an existing spec directory; using 008 instead"
        ]
    );
}

#[test]
fn existing_folders_are_never_overwritten() {
    let (_dir, root) = project();
    std::fs::create_dir_all(format!("{root}/specs/004-x")).unwrap();
    std::fs::write(format!("{root}/specs/004-x/spec.md"), "mine").unwrap();
    let mut req = request("x");
    req.short_name = Some("x".to_owned());
    req.number = Some("4".to_owned());
    req.allow_existing = true;
    let (result, _) = create(&root, &req);
    assert_eq!(result.unwrap().spec, SpecOutcome::Kept);
    assert_eq!(
        std::fs::read_to_string(format!("{root}/specs/004-x/spec.md")).unwrap(),
        "mine"
    );
}

#[test]
fn timestamp_and_number_errors() {
    let (_dir, root) = project();
    let mut req = request("thing");
    req.timestamp = true;
    req.number = Some("5".to_owned());
    let (result, warnings) = create(&root, &req);
    assert_eq!(result.unwrap().branch_name, "20250102-030405-thing");
    assert_eq!(
        warnings,
        ["[specify] Warning: --number is ignored when --timestamp is used"]
    );
    let (again, _) = create(&root, &req);
    assert!(matches!(again, Err(FeatureError::ExistsTimestamp(_))));
    let mut bad = request("thing");
    bad.number = Some("-3".to_owned());
    assert!(matches!(
        create(&root, &bad).0,
        Err(FeatureError::NumberNotInteger(_))
    ));
    bad.number = Some("99999999999999999999".to_owned());
    assert!(matches!(
        create(&root, &bad).0,
        Err(FeatureError::NumberOutOfRange(_))
    ));
}

#[test]
fn dry_runs_touch_nothing() {
    let (dir, root) = project();
    let mut req = request("thing");
    req.dry_run = true;
    let (result, _) = create(&root, &req);
    assert_eq!(result.unwrap().spec, SpecOutcome::NotWritten);
    assert!(!dir.path().join("specs").exists());
}
