import XCTest
@testable import ThetaSyntax

final class SmokeTests: XCTestCase {
    func testFirstScript() {
        let src = """
        # %% [markdown]
        # # Maximum likelihood is forward KL

        # %%
        seed(0)
        data = dataset("faithful").eruptions          # 272 samples from p_data
        model = Normal(learn(0.0), learn(1.0, positive))
        fit = minimize(KL(data || model), steps: 500, optimizer: adam(lr: 0.05))
        model                                         # Normal(mu: 3.488, sigma: 1.139)
        model.logp(3.0);
        plot(data, model)
        """
        XCTAssertEqual(sexp(src), """
        (call seed 0)
        (= data (. (call dataset "faithful") eruptions))
        (= model (call Normal (call learn 0) (call learn 1 positive)))
        (= fit (call minimize (call KL (|| data model)) (steps: 500) (optimizer: (call adam (lr: 0.05)))))
        model
        (hide (call (. model logp) 3))
        (call plot data model)
        """)
    }
}
